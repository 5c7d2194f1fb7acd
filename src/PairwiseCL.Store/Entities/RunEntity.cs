namespace PairwiseCL.Store.Entities;

/// <summary>One training run of an experiment: a fold, label fraction, repeat, method and view set.</summary>
public sealed class RunEntity
{
    public long Id { get; set; }

    public int ExperimentId { get; set; }

    public ExperimentEntity? Experiment { get; set; }

    public int Fold { get; set; }

    public double LabelFraction { get; set; }

    public int Repeat { get; set; }

    /// <summary>"supervised", "pairwise-cl-frozen", "pairwise-cl-tuned", ...</summary>
    public required string Method { get; set; }

    /// <summary>The view (or views joined by '+') the run trains on.</summary>
    public required string View { get; set; }

    public int Seed { get; set; }

    /// <summary>Hash of the run's full configuration and seed: a re-run with the same hash gives the same numbers.</summary>
    public required string ConfigurationHash { get; set; }

    public JobState State { get; set; } = JobState.Queued;

    public long? JobId { get; set; }

    public JobEntity? Job { get; set; }

    public DateTime? StartedAtUtc { get; set; }

    public DateTime? FinishedAtUtc { get; set; }

    public List<MetricEntity> Metrics { get; set; } = [];
}
