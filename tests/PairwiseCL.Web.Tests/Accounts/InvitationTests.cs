using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Workspaces;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Accounts;

public sealed class InvitationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Password = "Viewer#Pass123";

    [Fact]
    public async Task InvitedViewer_RegistersOnce_SeesCorporaButNotOwnerPages()
    {
        var token = await InviteAsync("viewer@lab.test", WorkspaceRole.Viewer);
        var browser = portal.CreateBrowser();

        var registered = await RegisterAsync(browser, token);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        // The sign-in page confirms the new account and fills in its e-mail.
        Assert.Equal("/Account/Login?created=1&email=viewer%40lab.test", Browser.RedirectPath(registered));
        var signIn = await browser.GetStringAsync(Browser.RedirectPath(registered)!);
        Assert.Contains("Your account was created", signIn);
        Assert.Contains("value=\"viewer@lab.test\"", signIn);
        Assert.Equal(HttpStatusCode.Redirect, (await Browser.SignInAsync(browser, "viewer@lab.test", Password)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/corpora")).StatusCode);
        var members = await browser.GetAsync("/workspace/members");
        Assert.Equal(HttpStatusCode.Redirect, members.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", Browser.RedirectPath(members));

        // The token is spent: a second registration page says so and offers no form.
        var again = await portal.CreateBrowser().GetStringAsync($"/Account/Register?token={Uri.EscapeDataString(token)}");
        Assert.Contains("Invitation not valid", again);
    }

    [Theory]
    [InlineData("\"><script>alert(1)</script>@x.y")]
    [InlineData("not-an-address")]
    public async Task ACraftedSignInLink_PrefillsNothingButAnAddress(string email)
    {
        var page = await portal.CreateBrowser().GetStringAsync($"/Account/Login?created=1&email={Uri.EscapeDataString(email)}");

        Assert.DoesNotContain("<script>alert(1)", page);
        var field = System.Text.RegularExpressions.Regex.Match(page, "<input[^>]*id=\"email\"[^>]*>").Value;
        Assert.Contains("value=\"\"", field); // nothing prefilled
    }

    [Fact]
    public async Task UnknownInvitationToken_OffersNoRegistration()
    {
        var page = await portal.CreateBrowser().GetStringAsync("/Account/Register?token=made-up");

        Assert.Contains("Invitation not valid", page);
        Assert.DoesNotContain("name=\"Input.Password\"", page);
    }

    [Fact]
    public async Task SignedInUserOutsideTheWorkspace_IsDenied()
    {
        _ = portal.Server;
        var users = portal.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var outsider = new PortalUser { UserName = "outsider@lab.test", Email = "outsider@lab.test", DisplayName = "Outsider" };
        Assert.True((await users.CreateAsync(outsider, Password)).Succeeded);
        var browser = portal.CreateBrowser();

        Assert.Equal(HttpStatusCode.Redirect, (await Browser.SignInAsync(browser, "outsider@lab.test", Password)).StatusCode);
        var corpora = await browser.GetAsync("/corpora");

        Assert.Equal(HttpStatusCode.Redirect, corpora.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", Browser.RedirectPath(corpora));
        // The page offers a way back and a way to switch accounts.
        var denied = await browser.GetStringAsync(Browser.RedirectPath(corpora)!);
        Assert.Contains("data-testid=\"back-to-portal\"", denied);
        Assert.Contains("Sign in as someone else", denied);
        // ... which signs the outsider out and lands on the sign-in page.
        var switched = await Browser.SubmitFormAsync(browser, Browser.RedirectPath(corpora)!, "logout", new() { ["ReturnUrl"] = "/Account/Login" }, postUrl: "/Account/Logout");
        Assert.Equal("/Account/Login", Browser.RedirectPath(switched));
        Assert.StartsWith("/Account/Login", Browser.RedirectPath(await browser.GetAsync("/corpora")));
    }

    private async Task<string> InviteAsync(string email, WorkspaceRole role)
    {
        _ = portal.Server;
        var workspaceId = await portal.Get<WorkspaceRepository>().GetDefaultIdAsync();
        return await portal.Get<InvitationRepository>().CreateAsync(workspaceId, email, role, null, TimeSpan.FromDays(1));
    }

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient browser, string token) =>
        await Browser.SubmitFormAsync(browser, $"/Account/Register?token={Uri.EscapeDataString(token)}", "register", new()
        {
            ["Input.Token"] = token,
            ["Input.DisplayName"] = "A Viewer",
            ["Input.Password"] = Password,
        });
}
