using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PairwiseCL.Core.Corpora.Synthetic;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Tests.Experiments;
using PairwiseCL.Web.Tests.TestSupport;
using Xunit.Abstractions;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>
/// Pages, API, report files, audio and static assets carry a script-src Content-Security-Policy, nosniff
/// and a Referrer-Policy; and under that policy every page works in Chromium (Blazor circuits, MudBlazor,
/// Plotly including its WebGL t-SNE maps, the labelling module, audio, the share page) with no violation.
/// </summary>
public sealed class SecurityHeadersBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const float JobTimeout = 180_000;
    private BrowserPortal? browser;
    private string folder = "";
    private readonly List<string> violations = [];

    public async Task InitializeAsync()
    {
        browser = await BrowserPortal.StartAsync(output);
        folder = PortalFactory.NewFolder();
    }

    [Fact]
    public async Task EveryKindOfResponse_CarriesTheHeaders_AndEveryPageWorksUnderThePolicy()
    {
        var corpus = new SyntheticCorpusGenerator().Generate(folder,
            new SyntheticCorpusOptions(Sessions: 3, SpeakersPerSession: 1, ClipsPerSpeakerAndEmotion: 2, MinSeconds: 0.5, MaxSeconds: 0.6));
        var corpusId = await browser!.Services.GetRequiredService<CorpusRepository>().SaveAsync(corpus);
        var page = await browser.SignedInPageAsync();
        Watch(page);
        var draft = FinishedExperiment.TinyDraft(corpusId);
        draft.Views = ["mel"];
        draft.Methods = [MethodNames.Supervised];
        draft.Analysis = true;
        var experimentId = await LaunchAndWaitAsync(page, draft);

        var urls = new[]
        {
            "corpora", $"experiments/{experimentId}", "api/experiments", $"api/experiments/{experimentId}/files/summary.csv",
            $"api/corpora/{corpusId}/audio/{Uri.EscapeDataString(corpus.Utterances[0].Id)}", "js/charts.js", "health", "not-a-page",
        };
        foreach (var url in urls)
        {
            var response = await page.APIRequest.GetAsync(url);
            var headers = response.Headers;
            Assert.True(headers.TryGetValue("content-security-policy", out var csp), $"{url} ({response.Status}) has no Content-Security-Policy");
            Assert.Contains("script-src 'self' 'nonce-", csp);
            Assert.Contains("object-src 'none'", csp);
            Assert.Contains("frame-ancestors 'self'", csp);
            Assert.Equal("nosniff", headers.GetValueOrDefault("x-content-type-options"));
            Assert.Equal("same-origin", headers.GetValueOrDefault("referrer-policy"));
        }

        await page.GotoAsync("corpora");
        await Assertions.Expect(page.Locator("a[href^='corpora/']").First).ToBeVisibleAsync();
        await BrowserPortal.ScreenshotAsync(page, "corpora");
        await page.GotoAsync($"corpora/{corpusId}");
        await Assertions.Expect(page.Locator("[data-testid=label-chart] svg").First).ToBeVisibleAsync();
        await BrowserPortal.ScreenshotAsync(page, "tour-corpus");
        await page.GotoAsync($"corpora/{corpusId}/label");
        await Assertions.Expect(page.Locator("[data-testid=current-clip]")).ToHaveAttributeAsync("data-keys-ready", "yes");
        await BrowserPortal.ScreenshotAsync(page, "tour-labelling");
        await page.GotoAsync("datasets/new");
        await Assertions.Expect(page.Locator("[data-testid=add-corpus]")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.GotoAsync("experiments/new");
        await Assertions.Expect(page.Locator("[data-testid=new-experiment]")).ToHaveAttributeAsync("data-interactive", "yes");
        await BrowserPortal.ScreenshotAsync(page, "tour-new-experiment");
        await page.GotoAsync("experiments");
        await Assertions.Expect(page.Locator($"a[href='experiments/{experimentId}']").First).ToBeVisibleAsync();
        await BrowserPortal.ScreenshotAsync(page, "experiments");
        await page.GotoAsync($"experiments/compare?ids={experimentId}");
        await Assertions.Expect(page.Locator("[data-testid=compare-select]")).ToBeVisibleAsync();
        await BrowserPortal.ScreenshotAsync(page, "compare");
        await page.GotoAsync($"experiments/{experimentId}");
        await Assertions.Expect(page.Locator("[data-testid=experiment-page]")).ToHaveAttributeAsync("data-interactive", "yes");
        var tsne = page.Locator(".pcl-plot[data-name=tsne_mel_supervised]");
        await Assertions.Expect(tsne).ToHaveAttributeAsync("data-rendered", "true");
        Assert.True(await tsne.Locator(".scatterlayer .point").CountAsync() > 0, "The t-SNE map should draw its points under the CSP.");
        await page.GotoAsync($"experiments/{experimentId}/runs/1");
        await Assertions.Expect(page.Locator(".pcl-plot .legend .traces").First).ToBeVisibleAsync();
        await page.GotoAsync($"experiments/{experimentId}/try");
        await Assertions.Expect(page.Locator("[data-testid=try-model]")).ToHaveAttributeAsync("data-interactive", "yes");
        await BrowserPortal.ScreenshotAsync(page, "try-it");
        await page.GotoAsync("jobs");
        await Assertions.Expect(page.GetByText("Succeeded").First).ToBeVisibleAsync();
        await BrowserPortal.ScreenshotAsync(page, "jobs");
        await page.GotoAsync("workspace/members");
        await Assertions.Expect(page.GetByText(PortalFactory.AdminEmail).First).ToBeVisibleAsync();
        await BrowserPortal.ScreenshotAsync(page, "members");
        await page.GotoAsync("not-a-page");
        await BrowserPortal.ScreenshotAsync(page, "not-found");

        await page.GotoAsync($"experiments/{experimentId}");
        await Assertions.Expect(page.Locator("[data-testid=experiment-page]")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.GetByText("Share links (0 active)").ClickAsync();
        await page.GetByText("Create read-only link").ClickAsync();
        var link = await page.Locator("a.pcl-share-url").GetAttributeAsync("href");
        await using var anonymous = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseUrl });
        var reader = await anonymous.NewPageAsync();
        Watch(reader);
        await reader.GotoAsync(link!);
        await Assertions.Expect(reader.Locator(".pcl-plot[data-name=tsne_mel_supervised]")).ToHaveAttributeAsync("data-rendered", "true");
        await reader.GotoAsync("Account/Login");
        await Assertions.Expect(reader.Locator("#email")).ToBeVisibleAsync();
        await BrowserPortal.ScreenshotAsync(reader, "sign-in");
        await reader.GotoAsync("Account/Register");
        await BrowserPortal.ScreenshotAsync(reader, "register");
        await reader.GotoAsync("Account/AccessDenied");
        await BrowserPortal.ScreenshotAsync(reader, "no-access");

        Assert.Empty(violations);
    }

    /// <summary>Chromium reports each blocked script, style or connection on the console.</summary>
    private void Watch(IPage page) => page.Console += (_, message) =>
    {
        if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            lock (violations) violations.Add($"{page.Url}: {message.Text}");
    };

    private Task<int> LaunchAndWaitAsync(IPage page, Web.Experiments.ExperimentDraft draft) =>
        ExperimentLaunching.LaunchAndWaitAsync(page, browser!.Services, draft, JobTimeout / 1000);

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
