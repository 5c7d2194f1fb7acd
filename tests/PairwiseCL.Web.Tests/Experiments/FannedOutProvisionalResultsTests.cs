using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Corpora.Synthetic;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Results;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Experiments;

/// <summary>
/// A fanned-out experiment (Jobs:Engine=hangfire) runs its coordinator and parts on worker hosts, whose memory the
/// portal never sees: its results page still shows the runs the parts have stored and a provisional Figure 3, read from
/// the shared data folder. Here a second host on the same store and data folder plays the worker: it coordinates the
/// experiment and runs one real fine-tuning part, and the portal, which ran nothing, shows that part's runs.
/// </summary>
public sealed class FannedOutProvisionalResultsTests : IDisposable
{
    // Parts go to a device no host serves, so only the part this test runs by hand runs.
    private static readonly Dictionary<string, string?> Settings = new() { ["Jobs:RunJobs"] = "false", ["Jobs:ExperimentDevice"] = "test-parts", ["Jobs:StaleAfterSeconds"] = "86400" };

    private readonly PortalFactory portal = PortalFactory.Create(settings: Settings);
    private readonly PortalFactory worker;

    public FannedOutProvisionalResultsTests()
    {
        _ = portal.Server;
        worker = PortalFactory.Create(portal.Folder, settings: Settings);
    }

    public void Dispose()
    {
        worker.Dispose();
        portal.Dispose();
    }

    [Fact]
    public async Task PartsFinishedOnAnotherHost_ShowAsProvisionalRuns_OfTheWholePlan()
    {
        var (experimentId, workspaceId, jobId, payload) = await SeedAsync();
        var admin = await SignedInUsers.BrowserAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.Contains("No results yet", await admin.GetStringAsync($"/experiments/{experimentId}"));

        // The worker host coordinates, as Hangfire's queue "control" would have it do: it queues the parts and follows them.
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var coordinator = Task.Run(async () =>
        {
            await using var scope = worker.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ExperimentExecution>().RunAsync(
                new JobContext(jobId, payload, 1, worker.Get<JobStore>(), JobQueues.Control), experimentId, withAnalysis: false, stop.Token);
        });
        var parts = await PartsAsync(jobId, coordinator, count: 3); // supervised only: one fine-tuning part per fold, all ready at once
        var part = parts[1];
        var run = Part(part);

        // The worker host runs one part; the portal hears nothing of it but the files it stores.
        await using (var scope = worker.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ExperimentExecution>().RunPartAsync(
                new JobContext(part.Id, part.PayloadJson, 1, worker.Get<JobStore>(), "cpu"), experimentId, run, jobId, stop.Token);

        var results = await ResultsAsync(workspaceId, experimentId);
        // 3 folds x 1 view x 1 fraction x 1 method x 2 repeats; the part ran its fold's 2.
        Assert.Equal(new ProvisionalProgress(2, 6), results.Provisional);
        Assert.Equal(2, results.Runs.Count);
        Assert.All(results.Runs, r => Assert.Equal((run.Fold, "mel", 100.0), (r.Fold, r.View, r.FractionPercent)));
        Assert.Equal([0, 1], results.Runs.Select(r => r.Repeat).Order());
        Assert.False(results.HasReport);
        var page = await admin.GetStringAsync($"/experiments/{experimentId}");
        Assert.Contains("Provisional: 2 of 6 runs finished", page);
        Assert.Contains("data-name=\"uar_vs_fraction_mel\"", page);
        Assert.DoesNotContain("No results yet", page);

        // A file that is not a whole run (cut short, missing members, another writer's temporary file) is passed over, not shown or fatal.
        var runsFolder = Path.GetDirectoryName(RunFiles().First())!;
        File.WriteAllText(Path.Combine(runsFolder, "0123456789abcdef.json"), "{\"View\":\"mel\",\"Method\":");
        File.WriteAllText(Path.Combine(runsFolder, "fedcba9876543210.json.tmp"), "{");
        File.WriteAllText(Path.Combine(runsFolder, "00000000deadbeef.json"), "{\"Fold\":0}");
        Assert.Contains("Provisional: 2 of 6 runs finished", await admin.GetStringAsync($"/experiments/{experimentId}"));

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => coordinator);
    }

    /// <summary>
    /// An active-learning simulation trains too, but is not cut into parts: its job on queue "control" (which holds no
    /// device) runs none of it and queues the whole simulation as one job on the experiments' device queue, whose end
    /// ends the experiment with its learning curves.
    /// </summary>
    [Fact]
    public async Task AnActiveLearningSimulation_RunsWholeAsOneJobOnTheDeviceQueue_NotInTheControlSlot()
    {
        var (experimentId, workspaceId, jobId, payload) = await SeedAsync(corpusId =>
        {
            var draft = SimulatedExperiment.SimulationDraft(corpusId);
            draft.Strategies = [PairwiseCL.Core.ActiveLearning.SelectionStrategies.Random];
            draft.Repeats = 1;
            return new ActiveLearningLaunch(draft.ToActiveLearning(), Labels).ToJson();
        });
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var coordinator = Task.Run(async () =>
        {
            await using var scope = worker.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ExperimentExecution>().RunAsync(
                new JobContext(jobId, payload, 1, worker.Get<JobStore>(), JobQueues.Control), experimentId, withAnalysis: false, stop.Token);
        });

        var whole = Assert.Single(await PartsAsync(jobId, coordinator, count: 1));
        Assert.Equal(("test-parts", JobState.Queued), (whole.Device, whole.State));
        Assert.Null(System.Text.Json.JsonSerializer.Deserialize<ExperimentPartJobHandler.Payload>(whole.PayloadJson)!.Part);
        await using (var db = await portal.CreateDbContextAsync())
            Assert.Contains("runs whole as one job on device kind test-parts", (await db.Jobs.SingleAsync(j => j.Id == jobId)).Log);

        // The device queue's worker runs it (here by hand) and the store records its end, as the job runner would.
        await using (var scope = worker.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ExperimentExecution>().RunPartAsync(
                new JobContext(whole.Id, whole.PayloadJson, 1, worker.Get<JobStore>(), "cpu"), experimentId, null, jobId, stop.Token);
        await using (var db = await portal.CreateDbContextAsync())
            await db.Jobs.Where(j => j.Id == whole.Id).ExecuteUpdateAsync(j => j.SetProperty(x => x.State, JobState.Succeeded), stop.Token);
        await coordinator;

        var results = await ResultsAsync(workspaceId, experimentId);
        Assert.NotNull(results.LearningCurves);
        Assert.Null(results.Provisional);
    }

    private static readonly LabelSet Labels = new("synthetic", ["neutral", "anger", "sadness", "happiness"]);

    private Task<(int ExperimentId, int WorkspaceId, long JobId, string Payload)> SeedAsync() => SeedAsync(corpusId =>
    {
        var draft = FinishedExperiment.TinyDraft(corpusId);
        draft.Views = ["mel"];
        draft.Methods = [MethodNames.Supervised];
        draft.Repeats = 2;
        draft.Analysis = false;
        return new ExperimentLaunch(draft.ToConfiguration(), Labels).ToJson();
    });

    /// <summary>A synthetic corpus, an experiment on it configured by <paramref name="configurationJson"/>, and its job running on queue "control".</summary>
    private async Task<(int ExperimentId, int WorkspaceId, long JobId, string Payload)> SeedAsync(Func<int, string> configurationJson)
    {
        var corpus = new SyntheticCorpusGenerator().Generate(Path.Combine(portal.Folder, "synthetic"),
            new SyntheticCorpusOptions(Sessions: 3, SpeakersPerSession: 1, ClipsPerSpeakerAndEmotion: 2, MinSeconds: 0.5, MaxSeconds: 0.6));
        var corpusId = await portal.Get<CorpusRepository>().SaveAsync(corpus);
        var json = configurationJson(corpusId);
        await using var db = await portal.CreateDbContextAsync();
        var experiment = new ExperimentEntity
        {
            WorkspaceId = (await db.Corpora.SingleAsync(c => c.Id == corpusId)).WorkspaceId, Name = "fanned out",
            ConfigurationJson = json, ConfigurationHash = ExperimentLaunch.HashOf(json), FinetuneCorpusId = corpusId, PretrainCorpusId = corpusId,
        };
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync();
        var job = new JobEntity
        {
            Kind = ExperimentJobHandler.JobKind, Device = JobQueues.Control, State = JobState.Running, Worker = "worker-host", Attempts = 1,
            StartedAtUtc = DateTime.UtcNow, PayloadJson = ExperimentJobHandler.PayloadJson(experiment.Id), WorkspaceId = experiment.WorkspaceId,
        };
        db.Jobs.Add(job);
        await db.SaveChangesAsync();
        return (experiment.Id, experiment.WorkspaceId, job.Id, job.PayloadJson);
    }

    /// <summary>The parts the coordinator queued, once it has queued <paramref name="count"/> (one insert each, so not at once).</summary>
    private async Task<List<JobEntity>> PartsAsync(long jobId, Task coordinator, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (coordinator.IsFaulted) await coordinator; // its error, not a time-out
            await using var db = await portal.CreateDbContextAsync();
            var parts = await db.Jobs.AsNoTracking().Where(j => j.ParentJobId == jobId).OrderBy(j => j.Id).ToListAsync();
            if (parts.Count >= count)
            {
                // None beyond the plan, even a moment later.
                await Task.Delay(500);
                Assert.Equal(count, await db.Jobs.CountAsync(j => j.ParentJobId == jobId));
                return parts;
            }
            Assert.True(DateTime.UtcNow < deadline, $"The coordinator queued {parts.Count} of {count} parts within 120 s.");
            await Task.Delay(100);
        }
    }

    private async Task<ExperimentResults> ResultsAsync(int workspaceId, int experimentId)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ResultsService>().LoadAsync(workspaceId, experimentId, CancellationToken.None))!;
    }

    private static ProtocolPart Part(JobEntity job) =>
        System.Text.Json.JsonSerializer.Deserialize<ExperimentPartJobHandler.Payload>(job.PayloadJson)!.Part!;

    private List<string> RunFiles() =>
        Directory.EnumerateFiles(Path.Combine(portal.Folder, "data", "work"), "*.json", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(Path.GetDirectoryName(p)) == ProtocolRunner.RunsFolder).ToList();
}
