using System.Net;
using PairwiseCL.Store;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Jobs;

/// <summary>Under Jobs:Engine = hangfire the dashboard is at /hangfire, behind the portal's sign-in, for owners only.</summary>
public sealed class HangfireDashboardTests : IDisposable
{
    private readonly PortalFactory portal = PortalFactory.Create(null, null, StoreProviders.Postgres,
        new Dictionary<string, string?> { ["Jobs:Engine"] = "hangfire" });

    [Fact]
    public async Task TheDashboard_OpensForAnOwner_IsDeniedToAnEditor_AndSendsAStrangerToSignIn()
    {
        var owner = await SignedInUsers.BrowserAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var page = await owner.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("PairwiseCL jobs (Hangfire)", await page.Content.ReadAsStringAsync());

        await SignedInUsers.CreateAsync(portal, "editor@lab.test", WorkspaceRole.Editor);
        var editor = await SignedInUsers.BrowserAsync(portal, "editor@lab.test");
        Assert.StartsWith("/Account/AccessDenied", Browser.RedirectPath(await editor.GetAsync("/hangfire")));
        Assert.StartsWith("/Account/AccessDenied", Browser.RedirectPath(await editor.GetAsync("/hangfire/jobs/enqueued")));

        var stranger = portal.CreateBrowser();
        Assert.StartsWith("/Account/Login", Browser.RedirectPath(await stranger.GetAsync("/hangfire")));
    }

    [Fact]
    public async Task UnderTheEmbeddedEngine_ThereIsNoDashboard()
    {
        using var embedded = PortalFactory.Create();
        var owner = await SignedInUsers.BrowserAsync(embedded, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/hangfire")).StatusCode);
    }

    public void Dispose() => portal.Dispose();
}
