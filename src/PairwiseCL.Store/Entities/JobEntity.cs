namespace PairwiseCL.Store.Entities;

/// <summary>
/// The durable record of a long piece of work (feature extraction, training, analysis). It outlives the
/// process that runs it, so a restart can find interrupted work and queue it again.
/// </summary>
public sealed class JobEntity
{
    public long Id { get; set; }

    public int? WorkspaceId { get; set; }

    public Workspace? Workspace { get; set; }

    /// <summary>What the job does, e.g. "extract-features"; the dispatcher finds its handler by this.</summary>
    public required string Kind { get; set; }

    public JobState State { get; set; } = JobState.Queued;

    /// <summary>The compute device the job needs ("cpu", "cuda:0"); one job runs at a time per device.</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>Input of the job as JSON (e.g. the experiment id and which runs).</summary>
    public string PayloadJson { get; set; } = "{}";

    /// <summary>Latest progress as JSON (e.g. epoch, loss, validation UAR).</summary>
    public string? ProgressJson { get; set; }

    public int Attempts { get; set; }

    /// <summary>The worker process (Jobs:WorkerName, "host:pid" by default) that claimed the latest attempt; null while never run.</summary>
    public string? Worker { get; set; }

    /// <summary>
    /// The job this one is a part of (a protocol experiment fanned out over worker hosts: pre-trainings, fine-tuning
    /// chunks, the final report), or null for a job of its own.
    /// </summary>
    public long? ParentJobId { get; set; }

    public string Log { get; set; } = "";

    public string? Error { get; set; }

    public bool CancelRequested { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;

    public DateTime? StartedAtUtc { get; set; }

    public DateTime? FinishedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; } = DateTime.UtcNow;
}
