using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.Jobs;

/// <summary>
/// Runs one claimed job attempt to its end, whichever engine delivered it (the embedded loop or Hangfire):
/// resolves its handler in a fresh scope, reports a heartbeat every second, turns a cancel request stored by
/// any process into a cancelled token, and records the end in the store. Status, progress and logs therefore
/// live in our store under both engines.
/// </summary>
public sealed class JobExecutor(JobStore store, IServiceScopeFactory scopes, ILogger<JobExecutor> logger)
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    // This process's running jobs: a sweep never re-queues them, even when a busy machine delays their beats.
    private readonly ConcurrentDictionary<long, int> running = new();

    // Jobs that ended but whose end could not be written (a full disk): the sweep records them once it can,
    // instead of queueing them again as if their worker had crashed.
    private readonly ConcurrentDictionary<long, UnrecordedEnd> unrecorded = new();

    public static TimeSpan MinimumStaleAfter => 3 * HeartbeatInterval;

    /// <summary>Jobs this process is running or still has to record: never stale, however late their beats.</summary>
    public IReadOnlyCollection<long> Alive => running.Keys.Concat(unrecorded.Keys).ToList();

    /// <summary>
    /// Runs <paramref name="job"/> (already claimed: running, attempt counted) on <paramref name="device"/>. Returns false
    /// when the host's shutdown interrupted it; it is then queued again in the store.
    /// </summary>
    public async Task<bool> RunAsync(JobEntity job, string device, string worker, CancellationToken stoppingToken)
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
                return true;
            }
            logger.LogInformation("Job {Id} ({Kind}) started on {Device} of {Worker}, attempt {Attempt}", job.Id, job.Kind, device, worker, attempt);
            await store.AppendLogAsync(job.Id, $"started on {device} of worker {worker} (attempt {attempt})", CancellationToken.None);
            await handler.RunAsync(new JobContext(job.Id, job.PayloadJson, attempt, store, device), jobCancellation.Token);
            await store.AppendLogAsync(job.Id, "succeeded", CancellationToken.None);
            await store.FinishAsync(job.Id, attempt, JobState.Succeeded, null, CancellationToken.None);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await store.RequeueAsync(job.Id, attempt, "re-queued: the worker shut down while this job was running", CancellationToken.None);
            return false;
        }
        catch (OperationCanceledException) when (jobCancellation.IsCancellationRequested)
        {
            await store.AppendLogAsync(job.Id, "cancelled by request", CancellationToken.None);
            await store.FinishAsync(job.Id, attempt, JobState.Cancelled, null, CancellationToken.None);
            return true;
        }
        catch (Exception e)
        {
            // The stack trace (source paths, internals) goes to the server log; members read the reason only.
            logger.LogWarning(e, "Job {Id} ({Kind}) failed", job.Id, job.Kind);
            await RecordEndAsync(new UnrecordedEnd(job.Id, attempt, DiskFull.Reason(e)));
            return true;
        }
        finally
        {
            running.TryRemove(job.Id, out _);
            await heartbeatStop.CancelAsync();
            await heartbeat;
        }
    }

    /// <summary>Writes the failed ends that could not be written before (the disk was full).</summary>
    public async Task RecordUnrecordedEndsAsync(CancellationToken stoppingToken)
    {
        foreach (var end in unrecorded.Values)
        {
            stoppingToken.ThrowIfCancellationRequested();
            await RecordEndAsync(end);
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
