namespace PairwiseCL.Store.Jobs;

/// <summary>Queues jobs in the SQLite store for <see cref="EmbeddedJobWorker"/>.</summary>
internal sealed class EmbeddedJobDispatcher(JobStore store, JobSignal signal) : IJobDispatcher
{
    public async Task<long> EnqueueAsync(JobRequest request, CancellationToken cancellationToken = default)
    {
        var id = await store.AddAsync(request, cancellationToken);
        signal.Pulse();
        return id;
    }

    public Task<bool> CancelAsync(long jobId, CancellationToken cancellationToken = default) =>
        store.RequestCancelAsync(jobId, cancellationToken);

    public async Task<bool> RetryAsync(long jobId, CancellationToken cancellationToken = default)
    {
        var requeued = await store.RequeueFinishedAsync(jobId, cancellationToken);
        if (requeued) signal.Pulse();
        return requeued;
    }
}
