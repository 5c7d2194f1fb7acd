namespace PairwiseCL.Store.Entities;

/// <summary>
/// A file a job produced (checkpoint, report, figure). The store keeps its path and content hash so a
/// missing or altered file is detected instead of trusted.
/// </summary>
public sealed class ArtifactEntity
{
    public long Id { get; set; }

    public int? ExperimentId { get; set; }

    public ExperimentEntity? Experiment { get; set; }

    public long? RunId { get; set; }

    public RunEntity? Run { get; set; }

    /// <summary>"checkpoint", "report", "figure", ...</summary>
    public required string Kind { get; set; }

    /// <summary>Path relative to the data folder.</summary>
    public required string Path { get; set; }

    /// <summary>Lower-case hex SHA-256 of the file's bytes.</summary>
    public required string ContentHash { get; set; }

    public long SizeBytes { get; set; }

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;
}
