using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using PairwiseCL.Web.Tests.TestSupport;
using Xunit.Abstractions;

namespace PairwiseCL.Web.Tests.Accounts;

/// <summary>The API tokens page in a real browser: create (shown once, copy button), use from a script, revoke after a confirmation.</summary>
public sealed class ApiTokensBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private BrowserPortal? browser;

    public async Task InitializeAsync() => browser = await BrowserPortal.StartAsync(output);

    [Fact]
    public async Task AMember_CreatesCopiesUsesAndRevokesAToken()
    {
        var page = await browser!.SignedInPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.GotoAsync("account/tokens");
        await Assertions.Expect(page.Locator("[data-testid=api-tokens]")).ToHaveAttributeAsync("data-interactive", "yes");

        await page.Locator(".pcl-token-name input").FillAsync("nightly script");
        await page.Locator(".pcl-create-token").ClickAsync();
        var shown = page.Locator(".pcl-secret-value");
        await Assertions.Expect(shown).ToContainTextAsync("pcl_");
        var token = (await shown.TextContentAsync())!.Trim();
        await page.Locator(".pcl-copy").ClickAsync();
        await Assertions.Expect(page.Locator(".pcl-copy")).ToHaveTextAsync("Copied");
        Assert.Equal(token, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        await Assertions.Expect(page.Locator(".pcl-token-table")).ToContainTextAsync("nightly script");
        await BrowserPortal.ScreenshotAsync(page, "api-tokens");

        using var script = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("api/experiments")).StatusCode);

        // Shown once: after a reload only its first characters are listed.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-testid=api-tokens]")).ToHaveAttributeAsync("data-interactive", "yes");
        await Assertions.Expect(page.Locator(".pcl-token-table")).ToContainTextAsync(token[..10] + "…");
        Assert.DoesNotContain(token, await page.ContentAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Revoke this token?")).ToBeVisibleAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(page.Locator(".pcl-token-table")).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("api/experiments")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
    }
}
