using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PairwiseCL.Store.Entities;

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
    IServiceScopeFactory scopes,
    IOptions<JobOptions> options,
    ILogger<EmbeddedJobWorker> logger) : BackgroundService
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    // This process's running jobs: the sweep never re-queues them, even when a busy machine delays their beats.
    private readonly ConcurrentDictionary<long, int> running = new();

    // Jobs that ended but whose end could not be written (a full disk): the sweep records them once it can,
    // instead of queueing them again as if their worker had crashed.
    private readonly ConcurrentDictionary<long, UnrecordedEnd> unrecorded = new();

    private TimeSpan StaleAfter => TimeSpan.FromSeconds(Math.Max(3 * HeartbeatInterval.TotalSeconds, options.Value.StaleAfterSeconds));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = options.Value.EffectiveDevices.Select(device => RunDeviceAsync(device, stoppingToken)).ToList();
        loops.Add(SweepStaleJobsAsync(stoppingToken));
        await Task.WhenAll(loops);
    }

    private async Task SweepStaleJobsAsync(CancellationToken stoppingToken)
    {
        var interval = StaleAfter / 3;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RecordUnrecordedEndsAsync(stoppingToken);
                var requeued = await store.RequeueStaleAsync(store.Now - StaleAfter, running.Keys.Concat(unrecorded.Keys).ToList(), stoppingToken);
                if (requeued > 0)
                {
                    logger.LogWarning("Re-queued {Count} job(s) whose worker stopped reporting", requeued);
                    signal.Pulse();
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
        var attempt = job.Attempts;
        using var jobCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var heartbeatStop = new CancellationTokenSource();
        running[job.Id] = attempt;
        var heartbeat = BeatAsync(job.Id, attempt, jobCancellation, heartbeatStop.Token);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == job.Kind);
            if (handler is null)
            {
                await store.FinishAsync(job.Id, attempt, JobState.Failed, $"No handler is registered for job kind '{job.Kind}'.", CancellationToken.None);
                return;
            }
            logger.LogInformation("Job {Id} ({Kind}) started on {Device}, attempt {Attempt}", job.Id, job.Kind, device, attempt);
            await store.AppendLogAsync(job.Id, $"started on {device} (attempt {attempt})", CancellationToken.None);
            await handler.RunAsync(new JobContext(job.Id, job.PayloadJson, attempt, store), jobCancellation.Token);
            await store.AppendLogAsync(job.Id, "succeeded", CancellationToken.None);
            await store.FinishAsync(job.Id, attempt, JobState.Succeeded, null, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await store.RequeueAsync(job.Id, attempt, "re-queued: the worker shut down while this job was running", CancellationToken.None);
        }
        catch (OperationCanceledException) when (jobCancellation.IsCancellationRequested)
        {
            await store.AppendLogAsync(job.Id, "cancelled by request", CancellationToken.None);
            await store.FinishAsync(job.Id, attempt, JobState.Cancelled, null, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The stack trace (source paths, internals) goes to the server log; members read the reason only.
            logger.LogWarning(e, "Job {Id} ({Kind}) failed", job.Id, job.Kind);
            await RecordEndAsync(new UnrecordedEnd(job.Id, attempt, DiskFull.Reason(e)));
        }
        finally
        {
            running.TryRemove(job.Id, out _);
            await heartbeatStop.CancelAsync();
            await heartbeat;
        }
    }

    /// <summary>Writes a failed attempt's end; when even that fails, keeps it for the sweep to write later.</summary>
    private async Task RecordEndAsync(UnrecordedEnd end)
    {
        try
        {
            // Finish first: it is conditional on the attempt, so writing it again after a partial success is harmless.
            await store.FinishAsync(end.JobId, end.Attempt, JobState.Failed, end.Reason, CancellationToken.None);
            await store.AppendLogAsync(end.JobId, $"failed: {end.Reason}", CancellationToken.None);
            unrecorded.TryRemove(end.JobId, out _);
        }
        catch (Exception e)
        {
            var reason = DiskFull.Is(e) && !end.Reason.StartsWith("disk full", StringComparison.Ordinal) ? $"disk full: {end.Reason}" : end.Reason;
            logger.LogError(e, "The failure of job {Id} could not be written; the sweep will record it", end.JobId);
            unrecorded[end.JobId] = end with { Reason = reason };
        }
    }

    private async Task RecordUnrecordedEndsAsync(CancellationToken stoppingToken)
    {
        foreach (var end in unrecorded.Values)
        {
            stoppingToken.ThrowIfCancellationRequested();
            await RecordEndAsync(end);
        }
    }

    private sealed record UnrecordedEnd(long JobId, int Attempt, string Reason);

    /// <summary>Reports that the attempt is alive, and turns a cancel request stored by any process into a cancelled token.</summary>
    private async Task BeatAsync(long jobId, int attempt, CancellationTokenSource jobCancellation, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(HeartbeatInterval, stop);
                if (await store.HeartbeatAsync(jobId, attempt, stop) && !jobCancellation.IsCancellationRequested)
                    await jobCancellation.CancelAsync();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A missed beat is harmless unless it lasts past StaleAfter; keep trying.
                logger.LogWarning(e, "Heartbeat of job {Id} failed", jobId);
            }
        }
    }
}
