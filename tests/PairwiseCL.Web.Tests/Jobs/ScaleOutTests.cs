using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Core.Corpora.Synthetic;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Jobs;

/// <summary>
/// Scale-out with real parts on loopback only: the test run's PostgreSQL server, the portal as its own process running no
/// jobs (Jobs:Engine=hangfire, Jobs:RunJobs=false), and two worker processes (<c>PairwiseCL.Web.dll worker</c>, one
/// thread each) on the same store and data folder. A synthetic-demo experiment fans out into parts that both workers run;
/// killing one worker (SIGKILL) leaves the other to finish with no run lost or stored twice; a cancel in the portal stops
/// the parts running on both.
/// </summary>
[Trait("Category", "ScaleOut")]
public sealed class ScaleOutTests : IDisposable
{
    private const int Folds = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly string folder = PortalFactory.NewFolder();

    // The portal's own code in this process, on the same store, running no jobs: it seeds the corpus, reads the store,
    // and cancels as the Jobs page's button does (IJobDispatcher.CancelAsync). It never re-queues (stale after a day).
    private readonly PortalFactory observer;

    public ScaleOutTests()
    {
        observer = PortalFactory.Create(folder, services => services.Configure<JobOptions>(o => o.StaleAfterSeconds = TimeSpan.FromDays(1).TotalSeconds),
            StoreProviders.Postgres, new Dictionary<string, string?> { ["Jobs:Engine"] = JobEngines.Hangfire, ["Jobs:RunJobs"] = "false" });
    }

    private string ConnectionString => PostgresServer.Instance.ConnectionString(observer.PostgresDatabase);

    [Fact]
    public async Task AnExperiment_RunsOnBothWorkers_AndTheOtherFinishesAKilledWorkersPart_WithNoRunLostOrStoredTwice()
    {
        var corpusId = await SeedCorpusAsync();
        using var portal = await StartPortalAsync();
        using var first = await StartWorkerAsync("worker-a");
        using var second = await StartWorkerAsync("worker-b");
        // Parts long enough (about 5 s each on one thread) that worker-a is still busy after the results page is read:
        // with 3 epochs the 12 parts were done in 9 s, before the test could catch one running.
        var draft = Draft("spread over two workers", corpusId, views: ["mel"], methods: [MethodNames.Supervised], fractions: [25, 50, 75, 100], repeats: 2,
            fineTuneEpochs: 15);
        var jobId = await portal.LaunchExperimentAsync(draft);
        const int runs = Folds * 4 * 2;

        // Both workers finish parts; then one is killed while it runs another.
        await UntilAsync(async () => (await PartsAsync(jobId)).Where(p => p.State == JobState.Succeeded).Select(p => p.Worker).Distinct().Count() == 2,
            "parts finished by both workers", portal, first, second);
        // The portal runs none of it, yet its results page shows the runs the workers stored so far (two per part done).
        using (var admin = portal.CreateBrowser())
        {
            Assert.Equal(HttpStatusCode.Redirect, (await Browser.SignInAsync(admin, PortalFactory.AdminEmail, PortalFactory.AdminPassword)).StatusCode);
            var page = await admin.GetStringAsync($"experiments/{ExperimentIdOf((await observer.Get<JobStore>().FindAsync(jobId))!)}");
            var shown = Regex.Match(page, $@"Provisional: (\d+) of {runs} runs finished");
            Assert.True(shown.Success && int.Parse(shown.Groups[1].Value) is >= 4 and <= runs, $"The portal's results page shows no provisional runs of the {runs} planned:\n{page}");
        }
        // Looked for while worker-a is frozen: a short part could otherwise finish between the look and the kill.
        var killedPart = await UntilAsync(async () =>
        {
            first.Pause();
            var running = (await PartsAsync(jobId)).FirstOrDefault(p => p.State == JobState.Running && p.Worker == "worker-a" && p.Kind == ExperimentPartJobHandler.JobKind);
            if (running is null) first.Resume();
            return running;
        }, "a part running on worker-a", portal, first, second);
        first.Kill();

        var job = await JobWaiting.UntilAsync(observer.Get<JobStore>(), jobId, j => j.State is not (JobState.Queued or JobState.Running), timeoutSeconds: 240);
        Assert.True(job.State == JobState.Succeeded, $"The experiment ended {job.State}: {job.Error}\n{job.Log}\n{portal.Output}\n{second.Output}");

        var parts = await PartsAsync(jobId, experimentMayHaveEnded: true);
        Assert.Equal(Folds * 4 + 1, parts.Count); // every fine-tuning chunk and the final report, each queued once
        Assert.All(parts, p => Assert.Equal(JobState.Succeeded, p.State));
        Assert.Equal(["worker-a", "worker-b"], parts.Select(p => p.Worker!).Distinct().Order());
        var resumed = parts.Single(p => p.Id == killedPart.Id);
        Assert.Equal("worker-b", resumed.Worker);
        Assert.Contains("re-queued: its worker stopped reporting", resumed.Log);
        Assert.Equal(2, resumed.Attempts);

        await using var db = await observer.CreateDbContextAsync();
        var stored = await db.Runs.Where(r => r.ExperimentId == ExperimentIdOf(job)).ToListAsync();
        Assert.Equal(runs, stored.Count);
        Assert.Equal(runs, stored.Select(r => r.ConfigurationHash).Distinct().Count());
        Assert.Equal(runs, RunFiles().Count);
        Assert.False(await db.Jobs.AnyAsync(j => j.State == JobState.Running || j.State == JobState.Queued));
    }

    [Fact]
    public async Task CancellingTheExperimentInThePortal_StopsItsPartsOnBothWorkers()
    {
        var corpusId = await SeedCorpusAsync();
        using var portal = await StartPortalAsync();
        using var first = await StartWorkerAsync("worker-a");
        using var second = await StartWorkerAsync("worker-b");
        // Long pre-trainings: one per fold, all ready at once; the fine-tuning parts wait for their fold's.
        var draft = Draft("cancelled across workers", corpusId, views: ["mel", "egemaps"], methods: [MethodNames.Supervised, MethodNames.PairwiseTuned],
            fractions: [100], repeats: 1, pretrainEpochs: 5000);
        var jobId = await portal.LaunchExperimentAsync(draft);

        var running = await UntilAsync(async () =>
        {
            var busy = (await PartsAsync(jobId)).Where(p => p.State == JobState.Running).ToList();
            return busy.Select(p => p.Worker).Distinct().Count() == 2 ? busy : null;
        }, "parts running on both workers", portal, first, second);
        Assert.All(running, p => Assert.Equal(ProtocolPartKind.Pretraining, PartOf(p)!.Kind));
        Assert.DoesNotContain(await PartsAsync(jobId), p => PartOf(p)?.Kind == ProtocolPartKind.FineTuning);

        Assert.True(await observer.Get<IJobDispatcher>().CancelAsync(jobId));

        var job = await JobWaiting.UntilAsync(observer.Get<JobStore>(), jobId, j => j.State is not (JobState.Queued or JobState.Running), timeoutSeconds: 60);
        Assert.True(job.State == JobState.Cancelled, $"The experiment ended {job.State}: {job.Error}\n{job.Log}");
        var ended = await UntilAsync(async () => (await PartsAsync(jobId, experimentMayHaveEnded: true)) is var parts && parts.All(p => p.State is not (JobState.Queued or JobState.Running)) ? parts : null,
            "every part stopped", portal, first, second);
        foreach (var part in running)
        {
            var after = ended.Single(p => p.Id == part.Id);
            Assert.Equal(JobState.Cancelled, after.State);
            Assert.Contains("cancelled by request", after.Log);
        }
        Assert.False(first.HasExited || second.HasExited, "A cancel stops jobs, not workers.");
    }

    [Fact]
    public async Task AWorkerWhoseDataFolderIsNotTheStores_RefusesToStart_NamingThePathItSaw()
    {
        _ = observer.Server; // the portal's first start gives the store its data folder's identity
        var elsewhere = Path.Combine(folder, "not-the-shared-folder");

        using var worker = await StartWorkerAsync("misconfigured", elsewhere);

        Assert.True(worker.HasExited, worker.Output);
        Assert.Equal(3, worker.ExitCode);
        Assert.Contains($"The worker did not start: This worker's data folder {elsewhere} (Storage:DataFolder) is not the one the store", worker.Output);
        await using var db = await observer.CreateDbContextAsync();
        Assert.False(await db.Jobs.AnyAsync());
    }

    private static ExperimentDraft Draft(string name, int corpusId, List<string> views, List<string> methods, List<double> fractions, int repeats, int pretrainEpochs = 2, int fineTuneEpochs = 3) => new()
    {
        Name = name,
        CorpusId = corpusId,
        LabelSetName = "synthetic",
        Views = views,
        Methods = methods,
        FractionsPercent = fractions,
        Repeats = repeats,
        Temperatures = [0.5],
        OutOfDistribution = false,
        Analysis = false,
        PretrainEpochs = pretrainEpochs,
        PretrainPatience = pretrainEpochs,
        FineTuneEpochs = fineTuneEpochs,
        FineTunePatience = fineTuneEpochs,
        BatchSize = 8,
    };

    private async Task<int> SeedCorpusAsync()
    {
        _ = observer.Server;
        var corpus = new SyntheticCorpusGenerator().Generate(Path.Combine(folder, "data", "synthetic"),
            new SyntheticCorpusOptions(Sessions: Folds, SpeakersPerSession: 1, ClipsPerSpeakerAndEmotion: 2, MinSeconds: 0.5, MaxSeconds: 0.6));
        return await observer.Get<CorpusRepository>().SaveAsync(corpus);
    }

    private Task<PortalProcess> StartPortalAsync() => PortalProcess.StartAsync(folder, staleAfterSeconds: 3, StartTimeout, new Dictionary<string, string>
    {
        ["Storage:Provider"] = StoreProviders.Postgres,
        ["Storage:ConnectionString"] = ConnectionString,
        ["Jobs:Engine"] = JobEngines.Hangfire,
        ["Jobs:RunJobs"] = "false",
    });

    private Task<WorkerProcess> StartWorkerAsync(string name) => StartWorkerAsync(name, Path.Combine(folder, "data")).ContinueWith(t =>
    {
        Assert.False(t.Result.HasExited, $"The worker {name} exited:\n{t.Result.Output}");
        return t.Result;
    });

    private Task<WorkerProcess> StartWorkerAsync(string name, string dataFolder) => WorkerProcess.StartAsync(
    [
        "--devices", "cpu", "--threads", "1", "--name", name,
        $"--Storage:Provider={StoreProviders.Postgres}", $"--Storage:ConnectionString={ConnectionString}",
        $"--Storage:DataFolder={dataFolder}", $"--Storage:FeatureCachePath={Path.Combine(folder, "features")}",
        $"--Jobs:Engine={JobEngines.Hangfire}", "--Jobs:StaleAfterSeconds=3", "--Jobs:PollSeconds=0.5",
    ], StartTimeout);

    /// <summary>The experiment job's parts; fails at once when the experiment job itself ended.</summary>
    private async Task<List<JobEntity>> PartsAsync(long jobId, bool experimentMayHaveEnded = false)
    {
        await using var db = await observer.CreateDbContextAsync();
        var experiment = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
        Assert.True(experimentMayHaveEnded || experiment.State is JobState.Queued or JobState.Running,
            $"The experiment job ended {experiment.State}: {experiment.Error}\n{experiment.Log}");
        return await db.Jobs.AsNoTracking().Where(j => j.ParentJobId == jobId).OrderBy(j => j.Id).ToListAsync();
    }

    private static ProtocolPart? PartOf(JobEntity part) =>
        System.Text.Json.JsonSerializer.Deserialize<ExperimentPartJobHandler.Payload>(part.PayloadJson)!.Part;

    private static int ExperimentIdOf(JobEntity job) =>
        System.Text.Json.JsonSerializer.Deserialize<ExperimentJobHandler.Payload>(job.PayloadJson)!.ExperimentId;

    /// <summary>The protocol's finished runs in the shared work folder (one JSON file per run, named by its configuration hash).</summary>
    private List<string> RunFiles()
    {
        var work = Path.Combine(folder, "data", "work");
        return Directory.Exists(work)
            ? Directory.EnumerateFiles(work, "*.json", SearchOption.AllDirectories).Where(p => Path.GetFileName(Path.GetDirectoryName(p)) == "runs").ToList()
            : [];
    }

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, PortalProcess portal, params WorkerProcess[] workers) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            if (await probe() is { } found) return found;
            Assert.True(DateTime.UtcNow < deadline, $"No {what} within 180 s.\nportal:\n{portal.Output}\n"
                + string.Join("\n", workers.Select((w, i) => $"worker {i + 1}:\n{w.Output}")));
            await Task.Delay(100);
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what, PortalProcess portal, params WorkerProcess[] workers) =>
        await UntilAsync(async () => await condition() ? new object() : null, what, portal, workers);

    public void Dispose()
    {
        observer.Dispose();
        PostgresServer.Instance.DropDatabaseAsync(observer.PostgresDatabase).GetAwaiter().GetResult();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
