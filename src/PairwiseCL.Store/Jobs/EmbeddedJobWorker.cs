using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PairwiseCL.Store.Jobs;

/// <summary>
/// Runs queued jobs in this process: one loop per configured device, each running one job at a time.
/// While a job runs, its worker reports every second; a sweep (at start and then periodically) queues
/// again the running jobs whose worker went silent, so work interrupted by a crash or kill resumes,
/// while jobs of another live worker on the same database are left alone. Claims and state changes are
/// conditional UPDATEs tied to the attempt number, so a job never runs twice at once.
/// </summary>
internal sealed class EmbeddedJobWorker(
    JobStore store,
    JobSignal signal,
    JobExecutor executor,
    IOptions<JobOptions> options,
    ILogger<EmbeddedJobWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = options.Value.RunJobs ? options.Value.EffectiveDevices.Select(device => RunDeviceAsync(device, stoppingToken)).ToList() : [];
        loops.Add(StaleJobSweep.RunAsync(store, executor, options.Value, logger, requeued =>
        {
            signal.Pulse();
            return Task.CompletedTask;
        }, stoppingToken));
        await Task.WhenAll(loops);
    }

    private async Task RunDeviceAsync(string device, CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(0.1, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.Next;
            try
            {
                var job = await store.TryClaimNextAsync(device, options.Value.EffectiveWorkerName, stoppingToken);
                if (job is null)
                    await wake.WaitAsync(poll, stoppingToken).ContinueWith(_ => { }, TaskContinuationOptions.ExecuteSynchronously);
                else
                    await executor.RunAsync(job, device, options.Value.EffectiveWorkerName, stoppingToken);
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
}
