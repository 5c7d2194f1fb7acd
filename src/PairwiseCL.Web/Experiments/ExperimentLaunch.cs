using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Experiments;

namespace PairwiseCL.Web.Experiments;

/// <summary>
/// The immutable record stored with an experiment: the protocol and the fine-tuning label set. Its JSON
/// is stored as-is and its SHA-256 is the experiment's configuration hash.
/// </summary>
public sealed record ExperimentLaunch(ProtocolConfiguration Protocol, LabelSet FineTuneLabels)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ExperimentLaunch FromJson(string json) =>
        ExperimentKinds.IsActiveLearning(json)
            ? throw new InvalidDataException("This experiment is an active-learning simulation, not a run of the paper's protocol.")
            : JsonSerializer.Deserialize<ExperimentLaunch>(json) ?? throw new InvalidDataException("The stored experiment configuration is empty.");

    public static string HashOf(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
