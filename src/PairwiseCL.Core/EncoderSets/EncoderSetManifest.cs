using PairwiseCL.Core.Training;

namespace PairwiseCL.Core.EncoderSets;

/// <summary>One view's encoder weights on disk, with the SHA-256 of the file's bytes.</summary>
public sealed record EncoderFile(string View, string Path, string Sha256, long Bytes, long Parameters);

/// <summary>
/// An immutable encoder set as stored: the request it answers, how many utterances trained and validated it, the
/// loss curves, and one weights file per view with its hash and parameter count.
/// </summary>
public sealed record EncoderSetManifest(
    string Name,
    string RequestHash,
    EncoderSetRequest Request,
    int TrainingUtterances,
    int ValidationUtterances,
    int BestEpoch,
    IReadOnlyList<EpochRecord> History,
    IReadOnlyList<EncoderFile> Encoders,
    DateTime CreatedAtUtc,
    double Seconds);
