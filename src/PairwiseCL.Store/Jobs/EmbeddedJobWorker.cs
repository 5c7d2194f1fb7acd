using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.Jobs;

/// <summary>
/// Runs queued jobs in this process: one loop per configured device, each running one job at a time.
/// On start it re-queues jobs a crashed or killed worker left "running" (the embedded queue assumes
/// one worker process per database); the claim is a conditional UPDATE, so a job never runs twice at once.
/// </summary>
internal sealed class EmbeddedJobWorker(
    JobStore store,
    JobSignal signal,
    IServiceScopeFactory scopes,
    IOptions<JobOptions> options,
    ILogger<EmbeddedJobWorker> logger) : BackgroundService
{
    private static readonly TimeSpan CancelCheckInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var requeued = await store.RequeueRunningAsync("re-queued: the worker stopped while this job was running", null, stoppingToken);
        if (requeued > 0)
            logger.LogWarning("Re-queued {Count} job(s) that were running when the previous worker stopped", requeued);
        await Task.WhenAll(options.Value.EffectiveDevices.Select(device => RunDeviceAsync(device, stoppingToken)));
    }

    private async Task RunDeviceAsync(string device, CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(0.1, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.Next;
            try
            {
                var job = await store.TryClaimNextAsync(device, stoppingToken);
                if (job is null)
                    await wake.WaitAsync(poll, stoppingToken).ContinueWith(_ => { }, TaskContinuationOptions.ExecuteSynchronously);
                else
                    await RunJobAsync(job, device, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The store was unavailable (e.g. locked by a long write): keep the loop alive and try again.
                logger.LogError(e, "Job loop for {Device} failed; retrying", device);
                await Task.Delay(poll, stoppingToken).ContinueWith(_ => { }, TaskContinuationOptions.ExecuteSynchronously);
            }
        }
    }

    private async Task RunJobAsync(JobEntity job, string device, CancellationToken stoppingToken)
    {
        using var jobCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var watcherStop = new CancellationTokenSource();
        var watcher = WatchForCancelAsync(job.Id, jobCancellation, watcherStop.Token);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == job.Kind);
            if (handler is null)
            {
                await store.FinishAsync(job.Id, JobState.Failed, $"No handler is registered for job kind '{job.Kind}'.", CancellationToken.None);
                return;
            }
            logger.LogInformation("Job {Id} ({Kind}) started on {Device}, attempt {Attempt}", job.Id, job.Kind, device, job.Attempts);
            await store.AppendLogAsync(job.Id, $"started on {device} (attempt {job.Attempts})", CancellationToken.None);
            await handler.RunAsync(new JobContext(job.Id, job.PayloadJson, job.Attempts, store), jobCancellation.Token);
            await store.AppendLogAsync(job.Id, "succeeded", CancellationToken.None);
            await store.FinishAsync(job.Id, JobState.Succeeded, null, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await store.RequeueRunningAsync("re-queued: the worker shut down while this job was running", job.Id, CancellationToken.None);
        }
        catch (OperationCanceledException) when (jobCancellation.IsCancellationRequested)
        {
            await store.AppendLogAsync(job.Id, "cancelled by request", CancellationToken.None);
            await store.FinishAsync(job.Id, JobState.Cancelled, null, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Job {Id} ({Kind}) failed", job.Id, job.Kind);
            await store.AppendLogAsync(job.Id, $"failed: {e}", CancellationToken.None);
            await store.FinishAsync(job.Id, JobState.Failed, e.Message, CancellationToken.None);
        }
        finally
        {
            await watcherStop.CancelAsync();
            await watcher;
        }
    }

    /// <summary>Turns a cancel request stored by any process into a cancelled token for the handler.</summary>
    private async Task WatchForCancelAsync(long jobId, CancellationTokenSource jobCancellation, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(CancelCheckInterval, stop);
                if (await store.IsCancelRequestedAsync(jobId, stop))
                {
                    await jobCancellation.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The job ended first.
        }
    }
}
