namespace PairwiseCL.Store.Entities;

/// <summary>One number a run produced: a final test metric (Epoch null) or a point of a training curve.</summary>
public sealed class MetricEntity
{
    public long Id { get; set; }

    public long RunId { get; set; }

    public RunEntity? Run { get; set; }

    /// <summary>"uar", "wa", "loss", ...</summary>
    public required string Name { get; set; }

    /// <summary>"train", "validation" or "test".</summary>
    public required string Split { get; set; }

    public int? Epoch { get; set; }

    public double Value { get; set; }
}
