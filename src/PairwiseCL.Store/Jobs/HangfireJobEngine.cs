using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PairwiseCL.Store.Jobs;

/// <summary>
/// Jobs:Engine = hangfire. Our store keeps each job's record (state, attempts, progress, log, cancel flag) exactly as
/// under the embedded engine; Hangfire only carries "run job N" to a worker that serves the job's device kind
/// (queue cpu or gpu). Delivery is at least once, so <see cref="HangfireJobRunner"/> claims the record with the same
/// conditional UPDATE as the embedded loop: a second delivery of a job that is running, finished or cancelled
/// does nothing.
/// </summary>
internal sealed class HangfireJobDispatcher(JobStore store, IBackgroundJobClient client, IEnumerable<CoordinatingJobKind> coordinating) : IJobDispatcher
{
    public async Task<long> EnqueueAsync(JobRequest request, CancellationToken cancellationToken = default)
    {
        // A job that fans out into others waits for them on queue "control", holding none of the devices they need.
        if (coordinating.Any(c => c.Kind == request.Kind))
            request = request with { Device = JobQueues.Control };
        var queue = JobQueues.For(request.Device);
        var id = await store.AddAsync(request, cancellationToken);
        Submit(client, id, queue);
        return id;
    }

    public Task<bool> CancelAsync(long jobId, CancellationToken cancellationToken = default) =>
        store.RequestCancelAsync(jobId, cancellationToken);

    public async Task<bool> RetryAsync(long jobId, CancellationToken cancellationToken = default)
    {
        if (!await store.RequeueFinishedAsync(jobId, cancellationToken)) return false;
        var job = await store.FindAsync(jobId, cancellationToken);
        Submit(client, jobId, JobQueues.For(job!.Device));
        return true;
    }

    /// <summary>Hands "run job <paramref name="jobId"/>" to the workers of <paramref name="queue"/>.</summary>
    public static void Submit(IBackgroundJobClient client, long jobId, string queue) =>
        client.Create(Job.FromExpression<HangfireJobRunner>(r => r.RunAsync(jobId, CancellationToken.None)), new EnqueuedState(queue));
}

/// <summary>What a Hangfire worker executes for one of our jobs. Public because Hangfire stores the method by type name.</summary>
public sealed class HangfireJobRunner(JobStore store, JobExecutor executor, LocalDevices devices, IOptions<JobOptions> options, ILogger<HangfireJobRunner> logger)
{
    // Failures of the job itself are recorded in our store and never thrown; what reaches Hangfire is a store outage
    // at claim time, worth a few more deliveries (the claim keeps them harmless).
    [AutomaticRetry(Attempts = 5, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(long jobId, CancellationToken shutdown)
    {
        var record = await store.FindAsync(jobId, shutdown);
        if (record is null)
        {
            logger.LogWarning("Hangfire delivered job {Id}, which the store does not have", jobId);
            return;
        }
        using var lease = devices.Lease(JobQueues.For(record.Device));
        var job = await store.TryClaimAsync(jobId, options.Value.EffectiveWorkerName, shutdown);
        if (job is null)
        {
            logger.LogInformation("Job {Id} was delivered again but is {State}; nothing to do", jobId, record.State);
            return;
        }
        if (!await executor.RunAsync(job, lease.Device, options.Value.EffectiveWorkerName, shutdown))
            // Shutting down: the record is queued again; throwing lets Hangfire put its delivery back too.
            shutdown.ThrowIfCancellationRequested();
    }
}

/// <summary>
/// This host's devices by queue. Each queue's Hangfire server has exactly as many workers as the host has devices of
/// that kind, so a worker always finds one free: one job per device per host.
/// </summary>
public sealed class LocalDevices
{
    private readonly Dictionary<string, Pool> pools;

    public LocalDevices(IOptions<JobOptions> options)
    {
        pools = options.Value.EffectiveDevices.GroupBy(JobQueues.For).ToDictionary(g => g.Key, g => new Pool(g.ToList()));
        if (options.Value.CoordinatorSlots > 0)
            pools[JobQueues.Control] = new Pool(Enumerable.Repeat(JobQueues.Control, options.Value.CoordinatorSlots).ToList());
    }

    /// <summary>The queues this host serves with how many devices each.</summary>
    public IReadOnlyDictionary<string, int> Queues => pools.ToDictionary(p => p.Key, p => p.Value.Count);

    public DeviceLease Lease(string queue)
    {
        if (!pools.TryGetValue(queue, out var pool))
            throw new InvalidOperationException($"This host serves no {queue} device (Jobs:Devices).");
        return pool.Take();
    }

    private sealed class Pool(List<string> devices)
    {
        private readonly Queue<string> free = new(devices);

        public int Count => devices.Count;

        public DeviceLease Take()
        {
            lock (free)
            {
                if (free.Count == 0)
                    throw new InvalidOperationException("Every device of this kind is busy: the Hangfire server has more workers than devices.");
                return new DeviceLease(free.Dequeue(), this);
            }
        }

        public void Return(string device)
        {
            lock (free) free.Enqueue(device);
        }
    }

    /// <summary>One device of this host, held for one job; disposing gives it back.</summary>
    public sealed class DeviceLease : IDisposable
    {
        private readonly Pool pool;
        private int returned;

        internal DeviceLease(string device, object pool)
        {
            Device = device;
            this.pool = (Pool)pool;
        }

        public string Device { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref returned, 1) == 0) pool.Return(Device);
        }
    }
}

/// <summary>
/// Runs this host's Hangfire servers (one per device kind it has, as many workers as devices) and the stale-job
/// sweep, which submits the jobs it queues again to Hangfire.
/// </summary>
internal sealed class HangfireJobHost(
    JobStorage storage,
    IBackgroundJobClient client,
    JobStore store,
    JobExecutor executor,
    LocalDevices devices,
    IServiceScopeFactory scopes,
    IOptions<JobOptions> options,
    ILoggerFactory loggerFactory,
    ILogger<HangfireJobHost> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        HangfireLogProvider.Use(loggerFactory);
        var servers = new List<BackgroundJobServer>();
        if (options.Value.RunJobs)
        {
            foreach (var (queue, count) in devices.Queues)
            {
                servers.Add(new BackgroundJobServer(new BackgroundJobServerOptions
                {
                    ServerName = $"{options.Value.EffectiveWorkerName}/{queue}",
                    Queues = [queue],
                    WorkerCount = count,
                    SchedulePollingInterval = TimeSpan.FromSeconds(Math.Max(0.1, options.Value.PollSeconds)),
                    Activator = new ScopedJobActivator(scopes),
                    ShutdownTimeout = TimeSpan.FromSeconds(2),
                }, storage));
                logger.LogInformation("Hangfire worker {Worker} serves queue {Queue} with {Count} device(s)", options.Value.EffectiveWorkerName, queue, count);
            }
        }
        try
        {
            await StaleJobSweep.RunAsync(store, executor, options.Value, logger, requeued =>
            {
                foreach (var job in requeued)
                    HangfireJobDispatcher.Submit(client, job.Id, JobQueues.For(job.Device));
                return Task.CompletedTask;
            }, stoppingToken);
        }
        finally
        {
            foreach (var server in servers) server.SendStop();
            foreach (var server in servers) server.Dispose();
        }
    }

    /// <summary>Hangfire creates each job's runner in a fresh DI scope.</summary>
    private sealed class ScopedJobActivator(IServiceScopeFactory scopes) : JobActivator
    {
        public override JobActivatorScope BeginScope(JobActivatorContext context) => new Scope(scopes.CreateScope());

        private sealed class Scope(IServiceScope scope) : JobActivatorScope
        {
            public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);

            public override void DisposeScope() => scope.Dispose();
        }
    }
}

public static class HangfireStorage
{
    public const string PostgresSchema = "hangfire";

    /// <summary>
    /// Hangfire's tables live in the schema "hangfire" of the store's PostgreSQL database; <see cref="StoreMigrator"/>
    /// creates and upgrades them with the store's own tables, so building the storage touches no database (the
    /// database may not exist yet when the host resolves its services).
    /// Polls as often as the embedded loop does, and hands a fetched job to another worker only after a long
    /// silence: our own sweep re-queues crashed work, this is the last resort.
    /// </summary>
    public static JobStorage ForPostgres(string connectionString, JobOptions jobs)
    {
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = PostgresSchema,
            PrepareSchemaIfNecessary = false,
            QueuePollInterval = TimeSpan.FromSeconds(Math.Max(0.1, jobs.PollSeconds)),
            InvisibilityTimeout = TimeSpan.FromHours(1),
            UseSlidingInvisibilityTimeout = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
    }

    /// <summary>Creates or upgrades Hangfire's schema (Hangfire's own installer, which takes its own lock).</summary>
    public static async Task InstallPostgresSchemaAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        PostgreSqlObjectsInstaller.Install(connection, PostgresSchema);
    }
}
