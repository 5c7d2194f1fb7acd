using System.Text.Json;
using PairwiseCL.Core.ActiveLearning;
using PairwiseCL.Core.Corpora;

namespace PairwiseCL.Web.Experiments;

/// <summary>
/// The immutable record stored with an active-learning experiment: the simulation's configuration (what the CLI's
/// `pairwisecl active-learning` runs) and the label set whose labels the simulation hides until a strategy picks a clip.
/// Like <see cref="ExperimentLaunch"/>, its JSON is stored as-is and hashed.
/// </summary>
public sealed record ActiveLearningLaunch(ActiveLearningConfiguration Simulation, LabelSet FineTuneLabels)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Marks the JSON as a simulation's (<see cref="ExperimentKinds.Of"/>); always <see cref="ExperimentKinds.ActiveLearning"/>.</summary>
    public string Kind => ExperimentKinds.ActiveLearning;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ActiveLearningLaunch FromJson(string json)
    {
        if (!ExperimentKinds.IsActiveLearning(json))
            throw new InvalidDataException("The stored configuration is not an active-learning simulation's.");
        var launch = JsonSerializer.Deserialize<ActiveLearningLaunch>(json);
        return launch is { Simulation: not null, FineTuneLabels: not null }
            ? launch
            : throw new InvalidDataException("The stored active-learning configuration is incomplete.");
    }
}
