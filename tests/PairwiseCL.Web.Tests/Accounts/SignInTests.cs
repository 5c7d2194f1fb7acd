using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Web.Accounts;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Accounts;

public sealed class SignInTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/corpora")]
    [InlineData("/corpora/1")]
    [InlineData("/workspace/members")]
    public async Task UnauthenticatedRequests_AreRedirectedToSignIn(string url)
    {
        var response = await portal.CreateBrowser().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login?ReturnUrl=", Browser.RedirectPath(response));
    }

    [Fact]
    public async Task SignedInAdministrator_SeesTheCorporaOfTheStore()
    {
        _ = portal.Server;
        await portal.Get<CorpusRepository>().SaveAsync(SampleCorpora.Iemocap("emodb-visible"));
        var browser = portal.CreateBrowser();

        var signIn = await Browser.SignInAsync(browser, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var page = await browser.GetAsync("/corpora");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("emodb-visible", html);
        Assert.Contains("Sign out", html);
    }

    [Fact]
    public async Task WrongPassword_IsRejectedWithAMessageAndNoSession()
    {
        var browser = portal.CreateBrowser();

        var response = await Browser.SignInAsync(browser, PortalFactory.AdminEmail, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The e-mail or password is not right.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/corpora")).StatusCode);
    }

    [Fact]
    public async Task SignInWithoutAntiforgeryToken_IsRejected()
    {
        var browser = portal.CreateBrowser();
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = PortalFactory.AdminEmail,
            ["Input.Password"] = PortalFactory.AdminPassword,
        });

        var response = await browser.PostAsync("/Account/Login", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/corpora")).StatusCode);
    }

    [Fact]
    public async Task SigningOut_EndsTheSession()
    {
        var browser = portal.CreateBrowser();
        await Browser.SignInAsync(browser, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        var signOut = await Browser.SignOutAsync(browser);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/corpora")).StatusCode);
    }

    [Theory]
    [InlineData("/corpora/3", "/corpora/3")]
    [InlineData("//evil.example/x", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData(null, "/")]
    public void ReturnUrls_StayOnThisSite(string? requested, string expected) =>
        Assert.Equal(expected, LocalUrl.OrRoot(requested));

    [Fact]
    public async Task SetupPage_IsClosedOnceAnAdministratorExists()
    {
        var browser = portal.CreateBrowser();

        var page = await browser.GetStringAsync("/Account/Setup");

        Assert.Contains("Already set up", page);
        Assert.DoesNotContain("name=\"Input.Password\"", page);
    }

    [Fact]
    public async Task AfterSetup_TheSignInPageConfirmsTheAccount_WithItsEmailFilledIn()
    {
        using var fresh = PortalFactory.Create();
        // No configured administrator: the one-time setup page is open.
        await using var unconfigured = fresh.WithWebHostBuilder(web => web.UseSetting("Portal:Admin:Email", ""));
        var browser = unconfigured.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var created = await Browser.SubmitFormAsync(browser, "/Account/Setup", "setup", new()
        {
            ["Input.DisplayName"] = "First Admin",
            ["Input.Email"] = "first@lab.test",
            ["Input.Password"] = PortalFactory.AdminPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var signInUrl = Browser.RedirectPath(created)!;
        Assert.Equal("/Account/Login?created=1&email=first%40lab.test", signInUrl);
        var signIn = await browser.GetStringAsync(signInUrl);
        Assert.Contains("Your account was created", signIn);
        Assert.Contains("value=\"first@lab.test\"", signIn);
        Assert.DoesNotContain(PortalFactory.AdminPassword, signIn);
        Assert.Equal(HttpStatusCode.Redirect, (await Browser.SignInAsync(browser, "first@lab.test", PortalFactory.AdminPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/corpora")).StatusCode);
    }
}
