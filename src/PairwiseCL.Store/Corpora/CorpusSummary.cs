namespace PairwiseCL.Store.Corpora;

/// <summary>One line of the corpora list: what a corpus holds, counted in the database.</summary>
public sealed record CorpusSummary(
    int Id,
    string Name,
    string AudioRoot,
    int Utterances,
    int Speakers,
    int Sessions,
    int Labels,
    double TotalDurationSeconds,
    DateTime ImportedAtUtc);
