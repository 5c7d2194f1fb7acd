namespace PairwiseCL.Store.Jobs;

/// <summary>
/// Where long work is sent. The embedded implementation keeps the queue in SQLite and runs it in this
/// process; a lab with several GPU hosts can swap in another engine behind the same interface, which
/// is why callers never assume the worker lives beside them.
/// </summary>
public interface IJobDispatcher
{
    /// <summary>Queues a job and returns its id.</summary>
    Task<long> EnqueueAsync(JobRequest request, CancellationToken cancellationToken = default);

    /// <summary>Cancels a queued job at once, or asks a running one to stop; false when it has already finished.</summary>
    Task<bool> CancelAsync(long jobId, CancellationToken cancellationToken = default);

    /// <summary>Queues a failed or cancelled job again; false for any other state.</summary>
    Task<bool> RetryAsync(long jobId, CancellationToken cancellationToken = default);
}
