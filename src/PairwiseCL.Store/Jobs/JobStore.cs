using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.Jobs;

/// <summary>
/// The durable job records. State changes are single conditional UPDATEs, so two workers can never
/// both claim a job and a finished job is never reopened by a late writer.
/// </summary>
public sealed class JobStore(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<long> AddAsync(JobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Kind);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var job = new JobEntity
        {
            Kind = request.Kind,
            PayloadJson = request.PayloadJson,
            Device = request.Device,
            WorkspaceId = request.WorkspaceId,
            CreatedByUserId = request.CreatedByUserId,
            ParentJobId = request.ParentJobId,
            CreatedAtUtc = Now,
            UpdatedAtUtc = Now,
        };
        db.Jobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        return job.Id;
    }

    /// <summary>Marks the oldest queued job of a device as running (by <paramref name="worker"/>) and returns it, or null when none waits.</summary>
    public async Task<JobEntity?> TryClaimNextAsync(string device, string? worker = null, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            long? candidate;
            await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
                candidate = await db.Jobs.AsNoTracking()
                    .Where(j => j.State == JobState.Queued && j.Device == device)
                    .OrderBy(j => j.Id).Select(j => (long?)j.Id)
                    .FirstOrDefaultAsync(cancellationToken);
            if (candidate is null) return null;
            // Another worker (or a cancel) may get there first: then look for the next one.
            if (await TryClaimAsync(candidate.Value, worker, cancellationToken) is { } claimed)
                return claimed;
        }
    }

    /// <summary>
    /// Records how a running attempt ended; ignored when the job is no longer running that attempt (it
    /// was presumed dead and queued again meanwhile), so a late writer never overwrites a newer run.
    /// </summary>
    public async Task FinishAsync(long jobId, int attempt, JobState state, string? error, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Jobs.Where(j => j.Id == jobId && j.State == JobState.Running && j.Attempts == attempt)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, state)
                .SetProperty(j => j.Error, error)
                .SetProperty(j => j.FinishedAtUtc, now)
                .SetProperty(j => j.UpdatedAtUtc, now), cancellationToken);
    }

    /// <summary>Puts one running attempt back in the queue (its worker is shutting down).</summary>
    public Task<int> RequeueAsync(long jobId, int attempt, string reason, CancellationToken cancellationToken = default) =>
        RequeueRunningAsync(j => j.Id == jobId && j.Attempts == attempt, reason, cancellationToken);

    /// <summary>
    /// Queues again every running job whose worker has been silent since <paramref name="silentSince"/>, except
    /// <paramref name="alive"/>: the caller's own jobs, which it knows are running however late their beats.
    /// </summary>
    public async Task<int> RequeueStaleAsync(DateTime silentSince, IReadOnlyCollection<long>? alive = null, CancellationToken cancellationToken = default) =>
        (await RequeueStaleJobsAsync(silentSince, alive, cancellationToken)).Count;

    /// <summary>
    /// <see cref="RequeueStaleAsync"/>, returning the jobs it queued again. Each is put back by its own conditional
    /// UPDATE (still running the same attempt, still silent), so two sweeping processes never both take one job.
    /// </summary>
    public async Task<IReadOnlyList<StaleJob>> RequeueStaleJobsAsync(DateTime silentSince, IReadOnlyCollection<long>? alive = null, CancellationToken cancellationToken = default)
    {
        var except = alive?.ToList() ?? [];
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stale = await db.Jobs.AsNoTracking()
            .Where(j => j.State == JobState.Running && j.UpdatedAtUtc < silentSince && !except.Contains(j.Id))
            .Select(j => new { j.Id, j.Attempts, j.Device })
            .ToListAsync(cancellationToken);
        var requeued = new List<StaleJob>();
        foreach (var job in stale)
        {
            var updated = await RequeueRunningAsync(j => j.Id == job.Id && j.Attempts == job.Attempts && j.UpdatedAtUtc < silentSince,
                "re-queued: its worker stopped reporting (crash or kill)", cancellationToken);
            if (updated == 1) requeued.Add(new StaleJob(job.Id, job.Device));
        }
        return requeued;
    }

    /// <summary>
    /// Marks one queued job as running for a new attempt by <paramref name="worker"/>; null when it is not queued
    /// (cancelled, or taken by another worker).
    /// </summary>
    public async Task<JobEntity?> TryClaimAsync(long jobId, string? worker = null, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.Jobs
            .Where(j => j.Id == jobId && j.State == JobState.Queued)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobState.Running)
                .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                .SetProperty(j => j.Worker, worker)
                .SetProperty(j => j.StartedAtUtc, now)
                .SetProperty(j => j.FinishedAtUtc, (DateTime?)null)
                .SetProperty(j => j.UpdatedAtUtc, now), cancellationToken);
        return claimed == 1 ? await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == jobId, cancellationToken) : null;
    }

    private async Task<int> RequeueRunningAsync(Expression<Func<JobEntity, bool>> which, string reason, CancellationToken cancellationToken)
    {
        var now = Now;
        var line = $"{now:O} {reason}\n";
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.Where(j => j.State == JobState.Running).Where(which)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobState.Queued)
                .SetProperty(j => j.Log, j => j.Log + line)
                .SetProperty(j => j.UpdatedAtUtc, now), cancellationToken);
    }

    /// <summary>Cancels a queued job outright; flags a running one so its worker stops it.</summary>
    public async Task<bool> RequestCancelAsync(long jobId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var queued = await db.Jobs.Where(j => j.Id == jobId && j.State == JobState.Queued)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobState.Cancelled)
                .SetProperty(j => j.FinishedAtUtc, now)
                .SetProperty(j => j.UpdatedAtUtc, now), cancellationToken);
        if (queued == 1) return true;
        var running = await db.Jobs.Where(j => j.Id == jobId && j.State == JobState.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.CancelRequested, true)
                .SetProperty(j => j.UpdatedAtUtc, now), cancellationToken);
        return running == 1;
    }

    /// <summary>The worker's sign of life for a running attempt; returns whether a cancel was requested.</summary>
    public async Task<bool> HeartbeatAsync(long jobId, int attempt, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Jobs.Where(j => j.Id == jobId && j.State == JobState.Running && j.Attempts == attempt)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.UpdatedAtUtc, now), cancellationToken);
        return await db.Jobs.AsNoTracking().AnyAsync(j => j.Id == jobId && j.CancelRequested, cancellationToken);
    }

    /// <summary>Queues a failed or cancelled job again, keeping its log and attempt count.</summary>
    public async Task<bool> RequeueFinishedAsync(long jobId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var line = $"{now:O} queued again by request\n";
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var updated = await db.Jobs.Where(j => j.Id == jobId && (j.State == JobState.Failed || j.State == JobState.Cancelled))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobState.Queued)
                .SetProperty(j => j.CancelRequested, false)
                .SetProperty(j => j.Error, (string?)null)
                .SetProperty(j => j.FinishedAtUtc, (DateTime?)null)
                .SetProperty(j => j.Log, j => j.Log + line)
                .SetProperty(j => j.UpdatedAtUtc, now), cancellationToken);
        return updated == 1;
    }

    public async Task SetProgressAsync(long jobId, string progressJson, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Jobs.Where(j => j.Id == jobId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.ProgressJson, progressJson).SetProperty(j => j.UpdatedAtUtc, now), cancellationToken);
    }

    public async Task AppendLogAsync(long jobId, string line, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var text = $"{now:O} {line}\n";
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Jobs.Where(j => j.Id == jobId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Log, j => j.Log + text).SetProperty(j => j.UpdatedAtUtc, now), cancellationToken);
    }

    /// <summary>The newest jobs of a workspace (and jobs without one), newest first.</summary>
    public async Task<IReadOnlyList<JobSummary>> ListAsync(int? workspaceId, int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.AsNoTracking()
            .Where(j => j.WorkspaceId == null || j.WorkspaceId == workspaceId)
            .OrderByDescending(j => j.Id).Take(take)
            .Select(j => new JobSummary(j.Id, j.Kind, j.State, j.Device, j.Attempts, j.ProgressJson, j.Error, j.CancelRequested, j.CreatedAtUtc, j.StartedAtUtc, j.FinishedAtUtc, j.PayloadJson, j.Worker))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The jobs that are parts of <paramref name="parentJobId"/> (<see cref="JobEntity.ParentJobId"/>), oldest first.</summary>
    public async Task<IReadOnlyList<JobSummary>> ListPartsAsync(long parentJobId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.AsNoTracking()
            .Where(j => j.ParentJobId == parentJobId)
            .OrderBy(j => j.Id)
            .Select(j => new JobSummary(j.Id, j.Kind, j.State, j.Device, j.Attempts, j.ProgressJson, j.Error, j.CancelRequested, j.CreatedAtUtc, j.StartedAtUtc, j.FinishedAtUtc, j.PayloadJson, j.Worker))
            .ToListAsync(cancellationToken);
    }

    public async Task<JobEntity?> FindAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
    }
}
