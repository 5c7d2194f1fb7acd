using System.Text.Json;

namespace PairwiseCL.Web.Experiments;

/// <summary>
/// What an experiment runs: the paper's protocol or an active-learning simulation. The kind travels in the stored
/// configuration JSON (a protocol's has no "Kind", as before simulations existed), so no column and no migration.
/// </summary>
public static class ExperimentKinds
{
    public const string Protocol = "protocol";

    public const string ActiveLearning = "active-learning";

    public static IReadOnlyList<string> All { get; } = [Protocol, ActiveLearning];

    /// <summary>The kind of a stored configuration: <see cref="ActiveLearning"/> when it says so, the protocol otherwise.</summary>
    public static string Of(string configurationJson)
    {
        try
        {
            using var document = JsonDocument.Parse(configurationJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty(nameof(ActiveLearningLaunch.Kind), out var kind)
                   && kind.ValueKind == JsonValueKind.String && kind.GetString() == ActiveLearning
                ? ActiveLearning
                : Protocol;
        }
        catch (JsonException)
        {
            return Protocol; // an unreadable configuration fails where the protocol reads it, with that reader's message
        }
    }

    public static bool IsActiveLearning(string configurationJson) => Of(configurationJson) == ActiveLearning;

    /// <summary>How the form and pages name a kind.</summary>
    public static string Title(string kind) => kind == ActiveLearning ? "Active-learning simulation" : "Paper protocol";
}
