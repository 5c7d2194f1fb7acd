using System.Net;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>Sign-out ends the session itself, not just the browser's cookie: a copy taken before no longer works.</summary>
public sealed class SignOutTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task ACookieCapturedBeforeSignOut_IsRefusedAfterIt()
    {
        var browser = portal.CreateBrowser();
        var signIn = await Browser.SignInAsync(browser, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var cookies = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var thief = portal.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        thief.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies));
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/api/experiments")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await Browser.SignOutAsync(browser)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/experiments")).StatusCode);
        var page = await thief.GetAsync("/corpora");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", Browser.RedirectPath(page));
    }
}
