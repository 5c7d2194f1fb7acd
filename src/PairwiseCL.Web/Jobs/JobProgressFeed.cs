using System.Collections.Concurrent;
using PairwiseCL.Web.Experiments;

namespace PairwiseCL.Web.Jobs;

/// <summary>
/// In-process push of job progress: jobs running in this process publish every report here, and open
/// pages subscribe to show it at once over their circuit. It holds only the latest report of each job
/// still running here; pages fall back to the stored progress for jobs running elsewhere.
/// </summary>
public sealed class JobProgressFeed
{
    private readonly ConcurrentDictionary<long, ExperimentProgress> latest = new();

    /// <summary>Raised on the publishing thread with the job's id; subscribers must not block.</summary>
    public event Action<long>? Changed;

    public ExperimentProgress? Latest(long jobId) => latest.GetValueOrDefault(jobId);

    public void Publish(long jobId, ExperimentProgress progress)
    {
        latest[jobId] = progress;
        Changed?.Invoke(jobId);
    }

    /// <summary>The job stopped running here; its stored record is the truth from now on.</summary>
    public void Complete(long jobId)
    {
        if (latest.TryRemove(jobId, out _)) Changed?.Invoke(jobId);
    }
}
