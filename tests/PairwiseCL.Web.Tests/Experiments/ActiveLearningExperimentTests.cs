using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Core.ActiveLearning;
using PairwiseCL.Core.Corpora.Synthetic;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Jobs;
using PairwiseCL.Web.Results;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Experiments;

/// <summary>
/// The portal of <see cref="FinishedExperiment"/> (the tiny synthetic corpus: 3 sessions, 4 emotions, 24 clips) with an
/// active-learning simulation launched through the HTTP API, as the form does, and run to completion by the real job worker.
/// </summary>
public sealed class SimulatedExperiment : FinishedExperiment
{
    /// <summary>User text that must reach every page and the report encoded.</summary>
    public const string Name = "AL <script>alert(1)</script> & co";

    /// <summary>Two strategies (one randomised, one deterministic), k = 4 up to 8 clips, 2 repeats, one pre-training epoch.</summary>
    public static ExperimentDraft SimulationDraft(int corpusId) => new()
    {
        Name = Name,
        Kind = ExperimentKinds.ActiveLearning,
        CorpusId = corpusId,
        LabelSetName = "synthetic",
        Views = ["mel", "egemaps"],
        Strategies = [SelectionStrategies.Random, SelectionStrategies.Diversity],
        RoundSize = 4,
        Budget = 8,
        Repeats = 2,
        Temperatures = [0.5],
        PretrainEpochs = 1,
        PretrainPatience = 1,
        BatchSize = 8,
    };

    protected override ExperimentDraft CreateDraft(int corpusId) => SimulationDraft(corpusId);
}

public sealed class ActiveLearningExperimentTests(SimulatedExperiment simulated) : IClassFixture<SimulatedExperiment>
{
    [Fact]
    public async Task TheJob_WritesTheClisReportFolder_AndRecordsEveryFileWithItsHash()
    {
        await using var db = await simulated.Portal.CreateDbContextAsync();
        var experiment = await db.Experiments.SingleAsync(e => e.Id == simulated.ExperimentId);
        var artifacts = await db.Artifacts.Where(a => a.ExperimentId == simulated.ExperimentId).ToListAsync();
        var folder = Path.Combine(simulated.Portal.Folder, "data", ReportFolder.RelativeFolder(simulated.ExperimentId));

        Assert.Equal(ExperimentKinds.ActiveLearning, ExperimentKinds.Of(experiment.ConfigurationJson));
        Assert.Equal(8, ActiveLearningLaunch.FromJson(experiment.ConfigurationJson).Simulation.Budget);
        Assert.Equal(ExperimentLaunch.HashOf(experiment.ConfigurationJson), experiment.ConfigurationHash);
        Assert.Equal(experiment.FinetuneCorpusId, experiment.PretrainCorpusId); // no additional pre-training corpus
        foreach (var file in new[] { "report.md", "curves.csv", "areas.csv", "runs.csv", "runs.json", "configuration.json", "figures/learning_curves_mel.png", "figures/learning_curves_egemaps.png" })
        {
            var artifact = Assert.Single(artifacts, a => a.Path == $"{ReportFolder.RelativeFolder(simulated.ExperimentId)}/{file}");
            Assert.Equal(ReportFolder.Sha256(Path.Combine(folder, file)), artifact.ContentHash);
        }
        // 3 folds × 2 views × 2 counts (4, 8): random and the oracle in both repeats, diversity (deterministic) once.
        var runs = System.Text.Json.JsonSerializer.Deserialize<List<CurveRun>>(await File.ReadAllTextAsync(Path.Combine(folder, "runs.json")))!;
        Assert.Equal(3 * 2 * 2 * (2 + 2 + 1), runs.Count);
        Assert.Equal([4, 8], runs.Select(r => r.Labelled).Distinct().Order());
        var title = (await File.ReadAllLinesAsync(Path.Combine(folder, "report.md")))[0];
        Assert.Equal("# AL &lt;script&gt;alert(1)&lt;/script&gt; &amp; co: active-learning simulation on synthetic", title);
    }

    [Fact]
    public void TheJob_ReportedItsProgress_UpToTheWholeSimulation()
    {
        var pushed = simulated.PushedBy(simulated.JobId);

        Assert.Contains(pushed, p => p.Stage.StartsWith("features ", StringComparison.Ordinal));
        Assert.Contains(pushed, p => p.Step.Contains("pre-training", StringComparison.Ordinal));
        Assert.Contains(pushed, p => p.Step.Contains("diversity", StringComparison.Ordinal));
        Assert.Equal(pushed[^1].Total, pushed[^1].Done);
        Assert.Contains("curve points over 3 folds", simulated.Job.Log);
    }

    [Fact]
    public async Task TheResults_DrawEachViewsCurvesWithBands_AndTheAreas()
    {
        using var scope = SignedInUsers.ScopeAs(simulated.Portal, await AdminIdAsync());
        var results = await scope.ServiceProvider.GetRequiredService<ResultsService>().GetAsync(simulated.ExperimentId);

        Assert.NotNull(results);
        Assert.Empty(results.Problems);
        Assert.True(results.IsActiveLearning && results.HasReport);
        var learning = Assert.IsType<LearningCurveResults>(results.LearningCurves);
        Assert.Equal(["learning_curves_egemaps", "learning_curves_mel"], learning.Charts.Select(c => c.Name));
        var mel = learning.Charts[1].FigureJson;
        Assert.Contains("\"fill\":\"toself\"", mel); // the 95 % CI band of the repeated strategies
        Assert.Contains("\"name\":\"stratified (oracle)\"", mel);
        Assert.Contains("\"dash\":\"dash\"", mel);
        Assert.Equal(SelectionStrategies.Random, learning.Reference);
        Assert.Equal(3 * 2, learning.Areas.Count); // per view: random, diversity, the oracle
        Assert.All(learning.Areas, a => Assert.InRange(a.AulcMean, 0, 1));
        Assert.Contains(results.Downloads, d => d.RelativePath == "curves.csv");
        Assert.Contains(results.Downloads, d => d.RelativePath == "figures/learning_curves_mel.png");
        Assert.DoesNotContain(results.Downloads, d => d.RelativePath == "runs.json");
    }

    [Fact]
    public async Task AShareLink_ShowsTheCurves_AndServesOnlyTheTablesAndFiguresItOffers()
    {
        PairwiseCL.Web.Sharing.CreatedShareLink link;
        using (var scope = SignedInUsers.ScopeAs(simulated.Portal, await AdminIdAsync()))
            link = (await scope.ServiceProvider.GetRequiredService<PairwiseCL.Web.Sharing.ShareLinkService>().CreateAsync(simulated.ExperimentId, null)).Link!;
        var anonymous = simulated.Portal.CreateBrowser();

        var page = await (await anonymous.GetAsync(link.Path)).Content.ReadAsStringAsync();

        Assert.Contains("data-name=\"learning_curves_mel\"", page);
        Assert.Contains("labels to reach random", page);
        Assert.DoesNotContain("<script>alert(1)", page);
        foreach (var offered in new[] { ReportFolder.CurvesFile, ReportFolder.AreasFile, "figures/learning_curves_mel.png" })
        {
            Assert.Contains($"/files/{offered}\"", page);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"{link.Path}/files/{offered}")).StatusCode);
        }
        // Per-fold points name the test sessions; the configuration and the report stay with the workspace, as for the protocol.
        foreach (var hidden in new[] { "runs.json", "runs.csv", "configuration.json", "report.md" })
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{link.Path}/files/{hidden}")).StatusCode);
    }

    [Fact]
    public async Task AlteredCurvePoints_AreReported_NotDrawn()
    {
        var path = Path.Combine(simulated.Portal.Folder, "data", ReportFolder.RelativeFolder(simulated.ExperimentId), ReportFolder.CurveRunsFile);
        var original = await File.ReadAllBytesAsync(path);
        using var scope = SignedInUsers.ScopeAs(simulated.Portal, await AdminIdAsync());
        try
        {
            await File.WriteAllTextAsync(path, "[]");
            var results = await scope.ServiceProvider.GetRequiredService<ResultsService>().GetAsync(simulated.ExperimentId);

            Assert.Null(results!.LearningCurves);
            Assert.Contains(results.Problems, p => p.Contains("runs.json was changed after the job wrote it", StringComparison.Ordinal));
        }
        finally
        {
            await File.WriteAllBytesAsync(path, original);
        }
    }

    [Fact]
    public async Task TheResultsPage_ShowsCurvesAreasAndTheReportFolder_WithTheNameEncoded()
    {
        var page = await (await AdminAsync()).GetStringAsync($"/experiments/{simulated.ExperimentId}");

        Assert.Contains("Learning curves: UAR vs labelled clips", page);
        Assert.Contains("data-name=\"learning_curves_mel\"", page);
        Assert.Contains("data-name=\"learning_curves_egemaps\"", page);
        Assert.Contains("Area under the learning curve", page);
        Assert.Contains("labels to reach random", page);
        Assert.Contains("Download the report folder (zip)", page);
        Assert.Contains("AL &lt;script&gt;alert(1)&lt;/script&gt; &amp; co", page);
        Assert.DoesNotContain("<script>alert(1)", page);
        Assert.DoesNotContain("Try a fine-tuned model", page); // a simulation deploys no model
        Assert.DoesNotContain("t-SNE", page);

        using var zip = new ZipArchive(await (await AdminAsync()).GetStreamAsync($"/api/experiments/{simulated.ExperimentId}/export"));
        Assert.Contains(zip.Entries, e => e.FullName == "report/report.md");
        Assert.Contains(zip.Entries, e => e.FullName == "report/figures/learning_curves_egemaps.png");
    }

    [Fact]
    public async Task TheExportedReportFolder_ImportsAsAReadOnlySimulation_WithItsCurves()
    {
        var admin = await AdminAsync();
        var archive = await admin.GetByteArrayAsync($"/api/experiments/{simulated.ExperimentId}/export");

        var response = await admin.PostAsync("/api/experiments/import", new MultipartFormDataContent { { new ByteArrayContent(archive), "archive", "simulation.zip" } });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode} {body}");
        var imported = (await response.Content.ReadFromJsonAsync<PairwiseCL.Web.Transfer.ImportOutcome>())!.ExperimentId!.Value;

        var listed = (await admin.GetFromJsonAsync<List<ExperimentSummary>>("/api/experiments"))!.Single(e => e.Id == imported);
        Assert.True(listed.Imported && listed.IsActiveLearning, listed.ToString());
        var page = await admin.GetStringAsync($"/experiments/{imported}");
        Assert.Contains("data-name=\"learning_curves_mel\"", page);
        Assert.Contains("labels to reach random", page);
        Assert.Equal(await admin.GetStringAsync($"/api/experiments/{simulated.ExperimentId}/files/areas.csv"),
            await admin.GetStringAsync($"/api/experiments/{imported}/files/areas.csv"));
        var again = await admin.PostAsync("/api/experiments/import", new MultipartFormDataContent { { new ByteArrayContent(archive), "archive", "simulation.zip" } });
        Assert.Contains($"already imported as experiment #{imported}", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnAnalysis_IsRefusedForASimulation_InWords()
    {
        var response = await (await AdminAsync()).PostAsync($"/api/experiments/{simulated.ExperimentId}/analysis", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("is an active-learning simulation", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CancellingARunningSimulation_EndsItsJobCancelled_WithoutAReport()
    {
        var draft = SimulatedExperiment.SimulationDraft(simulated.CorpusId);
        draft.Name = "long simulation";
        (draft.PretrainEpochs, draft.PretrainPatience, draft.Budget, draft.Repeats) = (500, 500, 16, 5);
        var response = await (await AdminAsync()).PostAsJsonAsync("/api/experiments", draft);
        var launched = (await response.Content.ReadFromJsonAsync<LaunchResult>())!;
        var feed = simulated.Portal.Get<JobProgressFeed>();
        var jobId = launched.JobId!.Value;
        // Cancelled mid pre-training: the long part of a simulation, where a member would give up on it.
        await JobWaiting.UntilAsync(simulated.Portal, jobId,
            _ => feed.Latest(jobId) is { Epoch: not null } progress && progress.Step.Contains("pre-training", StringComparison.Ordinal), timeoutSeconds: 60);
        await using var admin = await SignedInScope.AdminAsync(simulated.Portal);

        var (done, message) = await admin.Get<JobService>().CancelAsync(jobId);
        var job = await JobWaiting.UntilAsync(simulated.Portal, jobId, j => j.State is not (JobState.Queued or JobState.Running), timeoutSeconds: 60);

        Assert.True(done, message);
        Assert.Equal(JobState.Cancelled, job.State);
        await using var db = await simulated.Portal.CreateDbContextAsync();
        Assert.Empty(await db.Artifacts.Where(a => a.ExperimentId == launched.ExperimentId).ToListAsync());
        Assert.Contains("No learning curves yet", await (await AdminAsync()).GetStringAsync($"/experiments/{launched.ExperimentId}"));
    }

    private Task<HttpClient> AdminAsync() => SignedInUsers.BrowserAsync(simulated.Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

    [Fact]
    public async Task WhileASimulationRuns_ItsPageDrawsTheCurvesSoFar_AndAFinishedOneLeavesNoProvisionalCurves()
    {
        var provisional = simulated.Portal.Get<ProvisionalCurves>();
        // The finished simulation's report is the truth: its job removed the points it had published while running.
        Assert.Null(provisional.Find(simulated.ExperimentId));

        // Another simulation of the same configuration, whose job waits on a device no host here serves, as one run by a
        // worker host would look from the portal, has published its first block: fold 1, mel, repeat 1.
        await using var db = await simulated.Portal.CreateDbContextAsync();
        var finished = await db.Experiments.AsNoTracking().SingleAsync(e => e.Id == simulated.ExperimentId);
        var running = new ExperimentEntity
        {
            WorkspaceId = finished.WorkspaceId, Name = "still simulating", ConfigurationJson = finished.ConfigurationJson,
            ConfigurationHash = finished.ConfigurationHash, FinetuneCorpusId = finished.FinetuneCorpusId, PretrainCorpusId = finished.PretrainCorpusId,
        };
        db.Experiments.Add(running);
        await db.SaveChangesAsync();
        db.Jobs.Add(new JobEntity
        {
            Kind = ExperimentJobHandler.JobKind, Device = "test-idle", PayloadJson = ExperimentJobHandler.PayloadJson(running.Id), WorkspaceId = running.WorkspaceId,
        });
        await db.SaveChangesAsync();
        var folder = Path.Combine(simulated.Portal.Folder, "data", ReportFolder.RelativeFolder(simulated.ExperimentId));
        var all = System.Text.Json.JsonSerializer.Deserialize<List<CurveRun>>(await File.ReadAllTextAsync(Path.Combine(folder, "runs.json")))!;
        var firstBlock = all.Where(r => (r.Fold, r.View, r.Repeat) == (all[0].Fold, "mel", 0)).ToList();
        provisional.Write(running.Id, new CurvesSoFar(firstBlock, 1, 3 * 2 * 2));

        using (var scope = SignedInUsers.ScopeAs(simulated.Portal, await AdminIdAsync()))
        {
            var results = (await scope.ServiceProvider.GetRequiredService<ResultsService>().GetAsync(running.Id))!;
            Assert.True(results.IsActiveLearning);
            Assert.False(results.HasReport);
            Assert.Equal(new ProvisionalProgress(1, 12), results.Provisional);
            var learning = Assert.IsType<LearningCurveResults>(results.LearningCurves);
            Assert.Equal(["learning_curves_mel"], learning.Charts.Select(c => c.Name));
            Assert.Equal(firstBlock.Count, learning.CurvePoints);
            // Random, diversity and the oracle, each paired with the block's oracle curve.
            Assert.Equal(3, learning.Areas.Count);
            Assert.Empty(results.Downloads);
        }
        var admin = await SignedInUsers.BrowserAsync(simulated.Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var page = await admin.GetStringAsync($"/experiments/{running.Id}");
        Assert.Contains("Provisional: 1 of 12 fold × view × repeat blocks simulated", page);
        Assert.Contains($"{firstBlock.Count} curve points so far", page);
        Assert.Contains("data-name=\"learning_curves_mel\"", page);
    }

    private async Task<string> AdminIdAsync()
    {
        await using var db = await simulated.Portal.CreateDbContextAsync();
        return (await db.Users.SingleAsync(u => u.Email == PortalFactory.AdminEmail)).Id;
    }
}
