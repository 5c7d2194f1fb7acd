using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Store.Workspaces;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Jobs;

/// <summary>
/// The durable queue on both providers and both engines (the derived classes below): claims, one job per device,
/// cancel, retry, crash recovery. Under Hangfire the records stay in our store and Hangfire carries the deliveries.
/// </summary>
public abstract class EmbeddedJobQueueTests : IDisposable
{
    private readonly PortalFactory portal;

    protected EmbeddedJobQueueTests(string provider, string engine = JobEngines.Embedded)
    {
        Provider = provider;
        Engine = engine;
        portal = Host(null);
    }

    private string Provider { get; }

    private string Engine { get; }

    /// <summary>A portal on <paramref name="folder"/> with this class's provider and engine.</summary>
    private PortalFactory Host(string? folder) =>
        PortalFactory.Create(folder, services => services.AddSingleton<GateProbe>().AddJobHandler<GateJob>(),
            Provider, new Dictionary<string, string?> { ["Jobs:Engine"] = Engine, ["Jobs:PollSeconds"] = "0.5" });

    private IJobDispatcher Dispatcher => portal.Get<IJobDispatcher>();

    [Fact]
    public async Task AudioCheck_RunsInTheBackground_AndNamesTheMissingFile()
    {
        _ = portal.Server;
        var (corpusId, workspaceId) = await SaveCorpusAsync(portal, withMissingFile: true);

        var id = await Dispatcher.EnqueueAsync(AudioFileCheckJob.Request(corpusId, workspaceId, null));
        var job = await JobWaiting.UntilFinishedAsync(portal, id);

        Assert.Equal(JobState.Failed, job.State);
        Assert.Contains("1 of 2 audio files", job.Error);
        Assert.Contains("gone.wav", job.Log);
        Assert.Equal("{\"Checked\":2,\"Total\":2,\"Missing\":1}", job.ProgressJson);
        Assert.Equal(1, job.Attempts);
        // The Jobs page names the worker process that ran it.
        var worker = portal.Get<Microsoft.Extensions.Options.IOptions<JobOptions>>().Value.EffectiveWorkerName;
        Assert.Equal(worker, job.Worker);
        Assert.Equal(worker, (await portal.Get<JobStore>().ListAsync(workspaceId)).Single(j => j.Id == id).Worker);
    }

    [Fact]
    public async Task ADevice_RunsOneJobAtATime_AndCancelStopsTheRunningOne()
    {
        _ = portal.Server;
        var probe = portal.Get<GateProbe>();
        var first = await Dispatcher.EnqueueAsync(new JobRequest(GateJob.JobKind, "{}"));
        var second = await Dispatcher.EnqueueAsync(new JobRequest(GateJob.JobKind, "{}"));

        await JobWaiting.UntilAsync(portal, first, j => j.ProgressJson is not null);
        Assert.Equal(JobState.Queued, (await portal.Get<JobStore>().FindAsync(second))!.State);

        Assert.True(await Dispatcher.CancelAsync(first));
        Assert.Equal(JobState.Cancelled, (await JobWaiting.UntilFinishedAsync(portal, first)).State);
        await JobWaiting.UntilAsync(portal, second, j => j.ProgressJson is not null);
        probe.Gate.Release();

        Assert.Equal(JobState.Succeeded, (await JobWaiting.UntilFinishedAsync(portal, second)).State);
        Assert.Equal(1, probe.MaxRunning);
        Assert.True(await Dispatcher.RetryAsync(first));
        await JobWaiting.UntilAsync(portal, first, j => j.State == JobState.Running);
        probe.Gate.Release();
        Assert.Equal(JobState.Succeeded, (await JobWaiting.UntilFinishedAsync(portal, first)).State);
    }

    [Fact]
    public async Task TheStaleSweep_LeavesTheSweepersOwnRunningJobsAlone()
    {
        // Two jobs running on a device no worker of this portal serves, both silent for a minute; the caller
        // runs the first itself (its beats were late on a busy machine), the second's worker is gone.
        var store = portal.Get<JobStore>();
        var own = await store.AddAsync(new JobRequest("never-handled", "{}", Device: "elsewhere"));
        var orphan = await store.AddAsync(new JobRequest("never-handled", "{}", Device: "elsewhere"));
        Assert.NotNull(await store.TryClaimNextAsync("elsewhere"));
        Assert.NotNull(await store.TryClaimNextAsync("elsewhere"));

        var requeued = await store.RequeueStaleAsync(store.Now.AddMinutes(1), alive: [own]);

        Assert.Equal(1, requeued);
        Assert.Equal(JobState.Running, (await store.FindAsync(own))!.State);
        Assert.Equal(JobState.Queued, (await store.FindAsync(orphan))!.State);
    }

    [Fact]
    public async Task AJobLeftRunningByACrash_IsRequeuedOnStartAndRunsExactlyOnce()
    {
        // What a killed process leaves behind: a job marked running whose worker went silent a minute ago.
        await WithJobLeftRunningAsync(silentFor: TimeSpan.FromMinutes(1), async (restarted, id) =>
        {
            var finished = await JobWaiting.UntilFinishedAsync(restarted, id);

            Assert.Equal(JobState.Succeeded, finished.State);
            Assert.Equal(2, finished.Attempts);
            Assert.Contains("re-queued", finished.Log);
            Assert.Single(await restarted.Get<JobStore>().ListAsync(finished.WorkspaceId));
        });
    }

    [Fact]
    public async Task AJobWhoseWorkerStillReports_IsNotTakenOverByAStartingWorker()
    {
        // Another live process on the same database ran this job a moment ago.
        await WithJobLeftRunningAsync(silentFor: TimeSpan.Zero, async (started, id) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var job = await started.Get<JobStore>().FindAsync(id);

            Assert.Equal((JobState.Running, 1), (job!.State, job.Attempts));
        });
    }

    /// <summary>Leaves a running audio-check job in a store, then starts a fresh portal on that store.</summary>
    private async Task WithJobLeftRunningAsync(TimeSpan silentFor, Func<PortalFactory, long, Task> afterRestart)
    {
        var folder = PortalFactory.NewFolder();
        try
        {
            long id;
            using (var first = Host(folder))
            {
                _ = first.Server;
                var (corpusId, workspaceId) = await SaveCorpusAsync(first, withMissingFile: false);
                await using var db = await first.CreateDbContextAsync();
                var job = new JobEntity
                {
                    Kind = AudioFileCheckJob.JobKind,
                    PayloadJson = AudioFileCheckJob.Request(corpusId, workspaceId, null).PayloadJson,
                    WorkspaceId = workspaceId,
                    State = JobState.Running,
                    Attempts = 1,
                    StartedAtUtc = DateTime.UtcNow - silentFor,
                    UpdatedAtUtc = DateTime.UtcNow - silentFor,
                };
                db.Jobs.Add(job);
                await db.SaveChangesAsync();
                id = job.Id;
            }

            using var restarted = Host(folder);
            _ = restarted.Server;
            await afterRestart(restarted, id);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Provider == StoreProviders.Postgres)
                await PostgresServer.Instance.DropDatabaseAsync(PortalFactory.PostgresDatabaseFor(folder));
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int CorpusId, int WorkspaceId)> SaveCorpusAsync(PortalFactory host, bool withMissingFile)
    {
        var root = Path.Combine(host.Folder, "audio");
        Directory.CreateDirectory(root);
        await File.WriteAllBytesAsync(Path.Combine(root, "here.wav"), [1, 2, 3]);
        List<Utterance> utterances = [new("here", "here.wav", 0.1, "s1", "1", "neu")];
        if (withMissingFile) utterances.Add(new("gone", "gone.wav", 0.1, "s1", "1", "ang"));
        var workspaceId = await host.Get<WorkspaceRepository>().GetDefaultIdAsync();
        var corpusId = await host.Get<CorpusRepository>().SaveAsync(new Corpus("checked", root, utterances, []), workspaceId);
        return (corpusId, workspaceId);
    }

    public void Dispose() => portal.Dispose();
}

public sealed class EmbeddedJobQueueOnSqliteTests() : EmbeddedJobQueueTests(StoreProviders.Sqlite);

public sealed class EmbeddedJobQueueOnPostgresTests() : EmbeddedJobQueueTests(StoreProviders.Postgres);

public sealed class HangfireJobQueueOnPostgresTests() : EmbeddedJobQueueTests(StoreProviders.Postgres, JobEngines.Hangfire);
