using System.Net;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>A sign-out POST without the anti-forgery token (another site's form, a script) answered 500; it is a 400 with the reason, and the user stays signed in.</summary>
public sealed class LogoutWithoutTokenTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task ALogoutPostWithoutTheAntiforgeryToken_Is400_AndTheSessionIsKept()
    {
        var browser = portal.CreateBrowser();
        await Browser.SignInAsync(browser, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        var response = await browser.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode} {body}");
        Assert.Contains("anti-forgery token", body);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/experiments")).StatusCode);
    }
}
