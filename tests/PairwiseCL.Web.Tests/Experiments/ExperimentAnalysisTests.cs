using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PairwiseCL.Core.Corpora.Synthetic;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Reports;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Components.Shared;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Results;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Experiments;

/// <summary>
/// An experiment run without the representation analysis gets its t-SNE maps and PWCCA table later, from a
/// background job that reuses the finished runs instead of training them again.
/// </summary>
public sealed class ExperimentAnalysisTests : IAsyncLifetime
{
    private readonly PortalFactory portal = new();
    private HttpClient admin = default!;
    private int experimentId;

    public async Task InitializeAsync()
    {
        _ = portal.Server;
        var corpus = new SyntheticCorpusGenerator().Generate(Path.Combine(portal.Folder, "synthetic"),
            new SyntheticCorpusOptions(Sessions: 3, SpeakersPerSession: 1, ClipsPerSpeakerAndEmotion: 2, MinSeconds: 0.5, MaxSeconds: 0.6));
        var corpusId = await portal.Get<CorpusRepository>().SaveAsync(corpus);
        var draft = FinishedExperiment.TinyDraft(corpusId);
        draft.Name = "without analysis";
        draft.Methods = [MethodNames.Supervised];
        draft.Analysis = false;
        admin = await SignedInUsers.BrowserAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var launched = await (await admin.PostAsJsonAsync("/api/experiments", draft)).Content.ReadFromJsonAsync<LaunchResult>();
        experimentId = launched!.ExperimentId!.Value;
        var job = await JobWaiting.UntilAsync(portal, launched.JobId!.Value, j => j.State is not (JobState.Queued or JobState.Running), timeoutSeconds: 90);
        Assert.True(job.State == JobState.Succeeded, $"{job.State}: {job.Error}");
    }

    [Fact]
    public async Task AskingForTheAnalysis_AddsTsneAndPwcca_AndKeepsEveryResult()
    {
        var before = await ContentAsync();
        var summaryBefore = await admin.GetStringAsync(SummaryUrl);
        Assert.Empty(before.Embeddings);
        Assert.Empty(before.Pwcca);
        var views = before.Runs.Select(r => r.View).Distinct().Count();

        var response = await admin.PostAsync($"/api/experiments/{experimentId}/analysis", null);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var request = await response.Content.ReadFromJsonAsync<LaunchResult>();
        // Asking again while it is queued or running returns the same job instead of a second one.
        var again = await (await admin.PostAsync($"/api/experiments/{experimentId}/analysis", null)).Content.ReadFromJsonAsync<LaunchResult>();
        var job = await JobWaiting.UntilAsync(portal, request!.JobId!.Value, j => j.State is not (JobState.Queued or JobState.Running), timeoutSeconds: 90);
        Assert.True(job.State == JobState.Succeeded, $"{job.State}: {job.Error}\n{job.Log}");

        var after = await ContentAsync();
        // t-SNE for each view and the supervised and random-init encoders; PWCCA for the view pair in both states.
        Assert.Equal(views * 2, after.Embeddings.Count);
        Assert.All(after.Embeddings, e => Assert.True(e.X.Length > 0 && e.X.All(double.IsFinite)));
        Assert.Equal(new[] { "random init", "supervised" }, after.Pwcca.Select(p => p.Encoders).Order());
        Assert.All(after.Pwcca, p => Assert.InRange(p.Pwcca, 0, 1));
        // The stored runs were reused: the same numbers, and the runs of later folds not even trained again.
        Assert.Equal(summaryBefore, await admin.GetStringAsync(SummaryUrl));
        Assert.Equal(before.Runs.Where(r => r.Fold > 0).Select(r => r.TrainingSeconds), after.Runs.Where(r => r.Fold > 0).Select(r => r.TrainingSeconds));
        // On a quiet machine the first job may already have finished by then: the answer is then "already analysed".
        Assert.True(again!.JobId is not null || again.AlreadyAnalysed, string.Join(" ", again.Problems));
        if (again.JobId is { } second && second != request.JobId)
            Assert.Equal(JobState.Succeeded, (await JobWaiting.UntilFinishedAsync(portal, second)).State);
        var lastJob = again.JobId ?? request.JobId;

        // Once the report holds the analysis, asking again starts nothing and says where it is ...
        var analysed = await admin.PostAsync($"/api/experiments/{experimentId}/analysis", null);
        var answer = await analysed.Content.ReadFromJsonAsync<LaunchResult>();
        Assert.Equal(HttpStatusCode.OK, analysed.StatusCode);
        Assert.True(answer!.AlreadyAnalysed);
        Assert.Null(answer.JobId);
        Assert.Contains($"/experiments/{experimentId}", answer.Note);
        Assert.Equal(lastJob, (await portal.Get<ExperimentRepository>().FindLatestJobAsync(ExperimentAnalysisJobHandler.JobKind, experimentId, default))!.Id);
        // A results page loaded before the analysis ended still offers it: its button then shows the stored maps
        // (the page reloads its report) and says so, instead of an empty error.
        await using (var owner = await SignedInScope.AdminAsync(portal))
        {
            using var page = new BunitContext();
            page.Services.AddMudServices();
            page.Services.AddSingleton(owner.Get<ExperimentService>());
            page.JSInterop.Mode = JSRuntimeMode.Loose;
            var reloaded = false;
            var panel = page.Render<AnalysisPanel>(p => p.Add(c => c.ExperimentId, experimentId).Add(c => c.Missing, true)
                .Add(c => c.Finished, () => reloaded = true));
            await panel.WaitForElement("[data-testid=request-analysis]").ClickAsync(new());
            panel.WaitForAssertion(() => Assert.True(reloaded), TimeSpan.FromSeconds(10));
            var shown = Assert.Single(page.Services.GetRequiredService<ISnackbar>().ShownSnackbars);
            Assert.Equal((Severity.Info, "The t-SNE maps and PWCCA table are already computed; they are shown now."), (shown.Severity, shown.Message));
        }
        // ... unless a re-run is asked for explicitly.
        var forced = await admin.PostAsync($"/api/experiments/{experimentId}/analysis?force=true", null);
        var rerun = await forced.Content.ReadFromJsonAsync<LaunchResult>();
        Assert.Equal(HttpStatusCode.Accepted, forced.StatusCode);
        Assert.NotEqual(lastJob, rerun!.JobId);
        Assert.Equal(JobState.Succeeded, (await JobWaiting.UntilFinishedAsync(portal, rerun.JobId!.Value)).State);
    }

    [Fact]
    public async Task TheAnalysisOfAnUnknownExperiment_Answers404()
    {
        var response = await admin.PostAsync("/api/experiments/987654/analysis", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private string SummaryUrl => $"/api/experiments/{experimentId}/files/{ReportFolder.SummaryFile}";

    private async Task<ReportContent> ContentAsync() =>
        JsonSerializer.Deserialize<ReportContent>(await admin.GetStringAsync($"/api/experiments/{experimentId}/files/{ReportFolder.ContentFile}"), ReportFolder.Json)!;

    public Task DisposeAsync()
    {
        portal.Dispose();
        return Task.CompletedTask;
    }
}
