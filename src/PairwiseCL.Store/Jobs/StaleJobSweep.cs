using Microsoft.Extensions.Logging;

namespace PairwiseCL.Store.Jobs;

/// <summary>
/// The periodic sweep both engines share: records the failures a full disk kept from being written, and queues
/// again the running jobs whose worker stopped reporting (crash, kill -9, power loss), except this process's own.
/// </summary>
internal static class StaleJobSweep
{
    public static TimeSpan StaleAfter(JobOptions options) =>
        TimeSpan.FromSeconds(Math.Max(JobExecutor.MinimumStaleAfter.TotalSeconds, options.StaleAfterSeconds));

    /// <param name="onRequeued">Called with the jobs put back in the queue (the Hangfire engine submits them again).</param>
    public static async Task RunAsync(JobStore store, JobExecutor executor, JobOptions options, ILogger logger,
        Func<IReadOnlyList<StaleJob>, Task> onRequeued, CancellationToken stoppingToken)
    {
        var staleAfter = StaleAfter(options);
        var interval = staleAfter / 3;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await executor.RecordUnrecordedEndsAsync(stoppingToken);
                var requeued = await store.RequeueStaleJobsAsync(store.Now - staleAfter, executor.Alive, stoppingToken);
                if (requeued.Count > 0)
                {
                    logger.LogWarning("Re-queued {Count} job(s) whose worker stopped reporting", requeued.Count);
                    await onRequeued(requeued);
                }
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Sweeping stale jobs failed; retrying");
                await Task.Delay(interval, stoppingToken).ContinueWith(_ => { }, TaskContinuationOptions.ExecuteSynchronously);
            }
        }
    }
}

/// <summary>A job the sweep queued again, with the device it needs.</summary>
public sealed record StaleJob(long Id, string Device);
