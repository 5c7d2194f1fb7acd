using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Sharing;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Experiments;

[Collection(FinishedExperimentCollection.Name)]
public sealed class ExperimentAccessTests(FinishedExperiment finished)
{
    private PortalFactory Portal => finished.Portal;

    [Fact]
    public async Task Viewer_CannotLaunch_AndNothingIsStored()
    {
        await SignedInUsers.CreateAsync(Portal, "viewer@lab.test", WorkspaceRole.Viewer);
        var viewer = await SignedInUsers.BrowserAsync(Portal, "viewer@lab.test");
        var before = await CountExperimentsAsync();

        var response = await viewer.PostAsJsonAsync("/api/experiments", FinishedExperiment.TinyDraft(finished.CorpusId));

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{response.StatusCode} {response.Headers.Location}: {await response.Content.ReadAsStringAsync()} {string.Join(";", response.Headers.Select(h => h.Key + "=" + string.Join(",", h.Value)))}");
        Assert.Equal(before, await CountExperimentsAsync());
        // The results themselves are open to viewers, with the t-SNE points linked to the corpus's audio.
        var results = await viewer.GetAsync($"/experiments/{finished.ExperimentId}");
        var html = await results.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, results.StatusCode);
        Assert.Contains("UAR vs label fraction", html);
        Assert.Contains("class=\"pcl-plot\"", html);
        Assert.Contains($"data-audio-base=\"api/corpora/{finished.CorpusId}/audio/\"", html);
        // ...and so is each run's drill-down, but not asking for work.
        // One numbering from 1: /runs/1 is "Run 1" and the first row of the run table; /runs/0 does not exist.
        var run = await viewer.GetAsync($"/experiments/{finished.ExperimentId}/runs/1");
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var runPage = System.Net.WebUtility.HtmlDecode(await run.Content.ReadAsStringAsync());
        Assert.Contains("Loss and validation UAR per epoch", runPage);
        Assert.Contains("<title>Run 1 · ", runPage);
        Assert.Contains("Run 1 of ", runPage);
        var zero = System.Net.WebUtility.HtmlDecode(await viewer.GetStringAsync($"/experiments/{finished.ExperimentId}/runs/0"));
        Assert.Contains("has no run 0; its report holds runs 1 to ", zero);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/experiments/{finished.ExperimentId}/analysis", null)).StatusCode);
    }

    [Fact]
    public async Task Editor_GetsClearMessages_ForADraftThatCannotRun()
    {
        await SignedInUsers.CreateAsync(Portal, "editor@lab.test", WorkspaceRole.Editor);
        var editor = await SignedInUsers.BrowserAsync(Portal, "editor@lab.test");
        var draft = FinishedExperiment.TinyDraft(finished.CorpusId);
        draft.FractionsPercent = [1];
        draft.Views = ["mel", "no-such-view"];

        var response = await editor.PostAsJsonAsync("/api/experiments", draft);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no-such-view", body);
        Assert.Contains("less than one example", body);
    }

    [Fact]
    public async Task AnAdditionalPretrainingCorpusMustBelongToTheWorkspace()
    {
        await SignedInUsers.CreateAsync(Portal, "pretrain-editor@lab.test", WorkspaceRole.Editor);
        var editor = await SignedInUsers.BrowserAsync(Portal, "pretrain-editor@lab.test");
        var draft = FinishedExperiment.TinyDraft(finished.CorpusId);
        draft.PretrainCorpusId = 987654;

        var response = await editor.PostAsJsonAsync("/api/experiments", draft);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("pre-training corpus #987654", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UserOutsideTheWorkspace_IsDeniedTheResultsPageFilesAndApi()
    {
        await SignedInUsers.CreateAsync(Portal, "outsider@lab.test", role: null);
        var outsider = await SignedInUsers.BrowserAsync(Portal, "outsider@lab.test");

        var page = await outsider.GetAsync($"/experiments/{finished.ExperimentId}");
        var file = await outsider.GetAsync($"/api/experiments/{finished.ExperimentId}/files/summary.csv");
        var list = await outsider.GetAsync("/api/experiments");
        var run = await outsider.GetAsync($"/experiments/{finished.ExperimentId}/runs/1");
        var analysis = await outsider.PostAsync($"/api/experiments/{finished.ExperimentId}/analysis", null);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", Browser.RedirectPath(page));
        Assert.True(file.StatusCode == HttpStatusCode.Forbidden, $"{file.StatusCode} {file.Headers.Location}");
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", Browser.RedirectPath(run));
        Assert.Equal(HttpStatusCode.Forbidden, analysis.StatusCode);
    }

    [Fact]
    public async Task Member_DownloadsSummaryCsv()
    {
        var admin = await SignedInUsers.BrowserAsync(Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        var csv = await admin.GetAsync($"/api/experiments/{finished.ExperimentId}/files/summary.csv");
        var unknown = await admin.GetAsync($"/api/experiments/{finished.ExperimentId}/files/../../pairwisecl.db");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("view,method,fraction,uar_mean", await csv.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ShareLink_WorksSignedOut_ShowsOnlyThatExperiment_AndAnswers404AfterRevoke()
    {
        var ownerId = await AdminIdAsync();
        CreatedShareLink created;
        using (var scope = SignedInUsers.ScopeAs(Portal, ownerId))
            created = (await scope.ServiceProvider.GetRequiredService<ShareLinkService>().CreateAsync(finished.ExperimentId, TimeSpan.FromDays(1))).Link!;
        Assert.NotNull(created);
        var anonymous = Portal.CreateBrowser();

        var page = await anonymous.GetAsync(created.Path);
        var html = await page.Content.ReadAsStringAsync();
        var csv = await anonymous.GetAsync(created.Path + "/files/summary.csv");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("tiny synthetic", html);
        Assert.Contains("class=\"pcl-plot\"", html);
        Assert.DoesNotContain("href=\"corpora\"", html);
        Assert.DoesNotContain("api/corpora", html);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        // The link opens this experiment's files and nothing else of the workspace.
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/experiments/{finished.ExperimentId}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/experiments/{finished.ExperimentId}/files/summary.csv")).StatusCode);

        using (var scope = SignedInUsers.ScopeAs(Portal, ownerId))
            Assert.True(await scope.ServiceProvider.GetRequiredService<ShareLinkService>().RevokeAsync(finished.ExperimentId, created.Id));

        var revoked = await anonymous.GetAsync(created.Path);
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        Assert.Contains("This share link is not valid", await revoked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(created.Path + "/files/summary.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/share/not-a-token")).StatusCode);
    }

    [Fact]
    public async Task ChartScripts_AreServedWithoutAnAccount()
    {
        // Static web assets of the source tree and packages are mapped as `dotnet run` maps them.
        using var portal = new PortalFactory();
        using var withAssets = portal.WithWebHostBuilder(host => host.UseStaticWebAssets());
        var anonymous = withAssets.CreateClient(new() { AllowAutoRedirect = false });

        var charts = await anonymous.GetAsync("/js/charts.js");
        var chartsScript = await charts.Content.ReadAsStringAsync();
        var plotly = await anonymous.GetAsync("/js/vendor/plotly-basic-3.7.0.min.js");

        Assert.Equal(HttpStatusCode.OK, charts.StatusCode);
        // charts.js loads the vendored plotly.js basic bundle by exactly this path.
        Assert.Contains("js/vendor/plotly-basic-3.7.0.min.js", chartsScript);
        Assert.Equal(HttpStatusCode.OK, plotly.StatusCode);
        Assert.True((await plotly.Content.ReadAsByteArrayAsync()).Length > 1_000_000, "plotly.js should be the whole basic bundle (scatter and bar).");
    }

    [Fact]
    public async Task OnlyOwners_CreateShareLinks()
    {
        var editorId = await SignedInUsers.CreateAsync(Portal, "sharing-editor@lab.test", WorkspaceRole.Editor);
        using var scope = SignedInUsers.ScopeAs(Portal, editorId);

        var creation = await scope.ServiceProvider.GetRequiredService<ShareLinkService>().CreateAsync(finished.ExperimentId, null);

        Assert.Null(creation.Link);
        Assert.Contains("Only owners", creation.Problem);
        await using var db = await Portal.CreateDbContextAsync();
        Assert.False(await db.ShareLinks.AnyAsync(s => s.CreatedByUserId == editorId));
    }

    [Fact]
    public async Task ShareLinkExpiringInThePast_IsRefusedWithAMessage()
    {
        using var scope = SignedInUsers.ScopeAs(Portal, await AdminIdAsync());

        var creation = await scope.ServiceProvider.GetRequiredService<ShareLinkService>().CreateAsync(finished.ExperimentId, TimeSpan.Zero);

        Assert.Null(creation.Link);
        Assert.Contains("expiry must lie in the future", creation.Problem);
    }

    [Fact]
    public async Task ExpiredShareLink_Answers404()
    {
        var token = ShareTokens.Create();
        await Portal.Get<ShareLinkRepository>().CreateAsync(finished.ExperimentId, ShareTokens.Hash(token), null,
            DateTime.UtcNow.AddDays(-2), DateTime.UtcNow.AddMinutes(-1), CancellationToken.None);

        Assert.Equal(HttpStatusCode.NotFound, (await Portal.CreateBrowser().GetAsync($"/share/{token}")).StatusCode);
    }

    private async Task<int> CountExperimentsAsync()
    {
        await using var db = await Portal.CreateDbContextAsync();
        return await db.Experiments.CountAsync();
    }

    private async Task<string> AdminIdAsync()
    {
        await using var db = await Portal.CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == PortalFactory.AdminEmail).Select(u => u.Id).SingleAsync();
    }
}
