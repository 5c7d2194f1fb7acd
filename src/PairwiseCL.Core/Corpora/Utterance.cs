namespace PairwiseCL.Core.Corpora;

/// <summary>
/// One clip of a corpus. <see cref="AudioPath"/> is relative to the corpus's audio root when it was
/// imported from one, absolute otherwise. <see cref="Label"/> is the raw label from the source; the
/// corpus's <see cref="LabelSet"/> decides what it maps to.
/// </summary>
public sealed record Utterance(
    string Id,
    string AudioPath,
    double DurationSeconds,
    string Speaker,
    string Session,
    string? Label = null,
    string? Transcript = null,
    IReadOnlyDictionary<string, string>? Metadata = null);
