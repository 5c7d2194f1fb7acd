using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Jobs;
using PairwiseCL.Web.Results;

namespace PairwiseCL.Web.Tests.Experiments;

[Collection(FinishedExperimentCollection.Name)]
public sealed class ExperimentJobTests(FinishedExperiment finished)
{
    [Fact]
    public async Task FinishedJob_StoresEveryRunWithItsTestMetrics()
    {
        await using var db = await finished.Portal.CreateDbContextAsync();
        var runs = await db.Runs.Include(r => r.Metrics).Where(r => r.ExperimentId == finished.ExperimentId).ToListAsync();

        // Three sessions give three leave-one-session-out folds; one repeat at 100% per view and method.
        var expected = 3 * finished.Draft.Views.Count * finished.Draft.Methods.Count;
        Assert.Equal(expected, runs.Count);
        Assert.All(runs, run =>
        {
            Assert.Equal(JobState.Succeeded, run.State);
            Assert.Equal(finished.JobId, run.JobId);
            var uar = Assert.Single(run.Metrics, m => m.Name == "uar" && m.Split == "test").Value;
            var wa = Assert.Single(run.Metrics, m => m.Name == "wa" && m.Split == "test").Value;
            Assert.InRange(uar, 0, 1);
            Assert.InRange(wa, 0, 1);
        });
        Assert.Equal(runs.Count, runs.Select(r => r.ConfigurationHash).Distinct().Count());
        Assert.Equal(new[] { 0, 1, 2 }, runs.Select(r => r.Fold).Distinct().Order());
    }

    [Fact]
    public async Task RunningJob_PushesEpochsWithTheirLossCurve_AndLeavesTheStoredRecordWhenDone()
    {
        List<ExperimentProgress> pushed;
        lock (finished.Pushed) pushed = [.. finished.Pushed];

        Assert.Contains(pushed, p => p.Stage.StartsWith("features ", StringComparison.Ordinal));
        var epochs = pushed.Where(p => p.Epoch is not null).ToList();
        Assert.Contains(epochs, p => p.Epoch!.Phase == "fine-tuning" && p.Epoch.ValidationUar is not null);
        // Two fine-tuning epochs per run: the second report of a training carries both points of its curve.
        Assert.Contains(epochs, p => p.Curve!.Count == 2 && p.Curve[0].Epoch == 1 && p.Curve[1].Epoch == 2);
        Assert.Equal(pushed[^1].Total, pushed[^1].Done);
        Assert.Null(finished.Portal.Get<JobProgressFeed>().Latest(finished.JobId));

        var stored = ExperimentProgressReader.Read((await finished.Portal.Get<PairwiseCL.Store.Jobs.JobStore>().FindAsync(finished.JobId))!.ProgressJson);
        Assert.NotNull(stored);
        Assert.Equal((stored.Total, stored.Total), (stored.Done, pushed[^1].Total));
    }

    [Fact]
    public async Task FinishedJob_RecordsEveryReportFileWithItsSha256()
    {
        await using var db = await finished.Portal.CreateDbContextAsync();
        var artifacts = await db.Artifacts.Where(a => a.ExperimentId == finished.ExperimentId).ToListAsync();
        var dataFolder = Path.Combine(finished.Portal.Folder, "data");

        Assert.Contains(artifacts, a => a.Path.EndsWith("/summary.csv") && a.Kind == "report");
        Assert.Contains(artifacts, a => a.Path.EndsWith("/report-content.json"));
        Assert.Contains(artifacts, a => a.Path.EndsWith("/uar_vs_fraction_mel.png") && a.Kind == "figure");
        Assert.All(artifacts, a =>
        {
            var path = Path.Combine(dataFolder, a.Path);
            Assert.True(File.Exists(path), $"{a.Path} is recorded but missing.");
            Assert.Equal(ReportFolder.Sha256(path), a.ContentHash);
            Assert.Equal(new FileInfo(path).Length, a.SizeBytes);
        });
    }

    [Fact]
    public async Task Experiment_KeepsItsConfigurationAsHashedJson()
    {
        await using var db = await finished.Portal.CreateDbContextAsync();
        var experiment = await db.Experiments.SingleAsync(e => e.Id == finished.ExperimentId);
        var launch = ExperimentLaunch.FromJson(experiment.ConfigurationJson);

        Assert.Equal(ExperimentLaunch.HashOf(experiment.ConfigurationJson), experiment.ConfigurationHash);
        Assert.Equal(finished.Draft.Views, launch.Protocol.Views);
        Assert.Equal(2, launch.Protocol.FineTuning.MaxEpochs);
        Assert.Equal("synthetic", launch.FineTuneLabels.Name);
        Assert.Equal(finished.CorpusId, experiment.FinetuneCorpusId);
    }

    [Fact]
    public async Task ResultsService_ShowsTheSummaryChartAndConfusionMatricesOfTheStoredReport()
    {
        var results = await finished.Portal.Services.CreateScope().ServiceProvider.GetRequiredService<ResultsService>().GetAsync(finished.ExperimentId);

        Assert.NotNull(results);
        Assert.Empty(results.Problems);
        Assert.Equal(JobState.Succeeded, results.Experiment.State);
        Assert.Equal(new[] { "neutral", "anger", "sadness", "happiness" }, results.ClassNames);
        Assert.Contains(results.FractionCharts, c => c.Name == "uar_vs_fraction_mel" && c.FigureJson.Contains("\"error_y\""));
        Assert.Contains(results.Downloads, d => d.RelativePath == "summary.csv");
        Assert.Equal(3 * finished.Draft.Views.Count * finished.Draft.Methods.Count, results.Runs.Count);
        Assert.NotNull(results.LossChart);
        // t-SNE of the first fold's test session (8 clips) for random-init and supervised encoders, ids on hover.
        Assert.Contains(results.EmbeddingCharts, c => c.Name == "tsne_mel_supervised" && c.FigureJson.Contains("\"hovertemplate\":\"%{text}"));
        var matrix = Assert.Single(results.ConfusionMatrices, m => m.View == "mel" && m.Method == "supervised");
        // Every labelled clip is tested once over the three folds.
        Assert.Equal(24, matrix.Counts.Sum(row => row.Sum()));
    }

    [Fact]
    public async Task AlteredReportFile_IsReportedAndNotServed()
    {
        await using var db = await finished.Portal.CreateDbContextAsync();
        var table = await db.Artifacts.FirstAsync(a => a.ExperimentId == finished.ExperimentId && a.Kind == "table");
        var path = Path.Combine(finished.Portal.Folder, "data", table.Path);
        var original = await File.ReadAllBytesAsync(path);
        var admin = await TestSupport.SignedInUsers.BrowserAsync(finished.Portal, TestSupport.PortalFactory.AdminEmail, TestSupport.PortalFactory.AdminPassword);
        var relative = table.Path[(ReportFolder.RelativeFolder(finished.ExperimentId).Length + 1)..];
        try
        {
            await File.AppendAllTextAsync(path, "tampered");
            var response = await admin.GetAsync($"/api/experiments/{finished.ExperimentId}/files/{relative}");
            Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        }
        finally
        {
            await File.WriteAllBytesAsync(path, original);
        }
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync($"/api/experiments/{finished.ExperimentId}/files/{relative}")).StatusCode);
    }
}
