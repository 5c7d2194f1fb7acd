using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PairwiseCL.Core.Corpora.Synthetic;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Tests.TestSupport;
using Xunit.Abstractions;

namespace PairwiseCL.Web.Tests.Experiments;

/// <summary>
/// In a real browser: choose "Active-learning simulation" on the New experiment form, see an absurd budget refused in
/// words, launch a tiny simulation on the synthetic corpus, and watch its page draw the learning curves and the areas.
/// </summary>
public sealed class ActiveLearningBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const float JobTimeout = 120_000;
    private BrowserPortal? browser;
    private string? folder;

    public async Task InitializeAsync()
    {
        browser = await BrowserPortal.StartAsync(output);
        folder = PortalFactory.NewFolder();
        var corpus = new SyntheticCorpusGenerator().Generate(folder,
            new SyntheticCorpusOptions(Sessions: 3, SpeakersPerSession: 1, ClipsPerSpeakerAndEmotion: 2, MinSeconds: 0.5, MaxSeconds: 0.6));
        await browser.Services.GetRequiredService<CorpusRepository>().SaveAsync(corpus);
    }

    [Fact]
    public async Task AnEditor_LaunchesASimulationFromTheForm_AndSeesItsLearningCurves()
    {
        var page = await browser!.SignedInPageAsync();
        await page.GotoAsync("experiments/new");
        await Assertions.Expect(page.Locator("[data-testid=new-experiment]")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.Locator("[data-testid=experiment-kind]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("Active-learning simulation").ClickAsync();
        await Assertions.Expect(FormFields.Input(page, "budget")).ToHaveValueAsync("64");
        await Assertions.Expect(page.Locator("[data-testid=fractions]")).ToHaveCountAsync(0); // the protocol's fields are gone

        // Keep random and diversity: one strategy that differs between repeats, one that does not.
        foreach (var strategy in new[] { "sequential (", "typical (", "uncertainty (", "hybrid (" })
            await page.GetByText(strategy).ClickAsync();
        await FormFields.FillAsync(page, "budget", "5000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=problems]")).ToContainTextAsync(
            "The budget (5000 clips) is more than any fold's pool holds: at most 16 labelled clips lie outside a test session; lower it to 16 or fewer.");

        await FormFields.FillAsync(page, "budget", "8");
        await FormFields.FillAsync(page, "repeats", "2");
        await FormFields.FillAsync(page, "pretrain-epochs", "1");
        await BrowserPortal.ScreenshotAsync(page, "new-active-learning-experiment");
        await page.Locator("[data-testid=launch]").ClickAsync();

        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/experiments/[0-9]+$"), new() { Timeout = JobTimeout });
        await Assertions.Expect(page.Locator(".mud-chip", new() { HasTextString = "Succeeded" })).ToBeVisibleAsync(new() { Timeout = JobTimeout });
        await Assertions.Expect(page.Locator(".pcl-plot[data-name=learning_curves_mel] svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".pcl-plot[data-name=learning_curves_egemaps] svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".pcl-plot[data-name=learning_curves_mel] .legend")).ToContainTextAsync("stratified (oracle)");
        // The 95 % CI bands of the strategies that differ between repeats: filled areas, not just lines.
        await Assertions.Expect(page.Locator(".pcl-plot[data-name=learning_curves_mel] path.js-fill").First).ToBeAttachedAsync();
        var areas = page.Locator("[data-testid=learning-curve-areas]");
        await Assertions.Expect(areas).ToContainTextAsync("diversity");
        await Assertions.Expect(areas).ToContainTextAsync("random");
        await Assertions.Expect(page.Locator("[data-testid=report-folder-download]")).ToBeVisibleAsync();
        await BrowserPortal.ScreenshotAsync(page, "active-learning-results");

        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var simulation = ActiveLearningLaunch.FromJson((await db.Experiments.SingleAsync()).ConfigurationJson).Simulation;
        Assert.Equal(["random", "diversity"], simulation.Strategies);
        Assert.Equal((4, 8, 2, 1), (simulation.RoundSize, simulation.Budget, simulation.Repeats, simulation.Pretraining.MaxEpochs));
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        if (folder is not null && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
