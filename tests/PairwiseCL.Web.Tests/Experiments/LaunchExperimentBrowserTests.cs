using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PairwiseCL.Core.Corpora.Synthetic;
using PairwiseCL.Core.Views;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Tests.TestSupport;
using Xunit.Abstractions;

namespace PairwiseCL.Web.Tests.Experiments;

/// <summary>
/// In a real browser: sign in, fill the New experiment form for a quick supervised run on a tiny
/// synthetic corpus, launch it, and watch its page until the job succeeds and the results chart is drawn.
/// </summary>
public sealed class LaunchExperimentBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const float JobTimeout = 120_000;
    private BrowserPortal? browser;

    public async Task InitializeAsync() => browser = await BrowserPortal.StartAsync(output);

    [Fact]
    public async Task AnEditor_LaunchesAQuickExperimentFromTheForm_AndSeesItSucceedWithItsChart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pairwisecl-web-tests", Guid.NewGuid().ToString("N"));
        var corpus = new SyntheticCorpusGenerator().Generate(folder,
            new SyntheticCorpusOptions(Sessions: 3, SpeakersPerSession: 1, ClipsPerSpeakerAndEmotion: 2, MinSeconds: 0.5, MaxSeconds: 0.6));
        await browser!.Services.GetRequiredService<CorpusRepository>().SaveAsync(corpus);
        var page = await browser.SignedInPageAsync();

        await page.GotoAsync("experiments/new");
        await Assertions.Expect(page.Locator("[data-testid=new-experiment]")).ToHaveAttributeAsync("data-interactive", "yes");
        // The form starts with mel and eGeMAPS and every method; keep one view and supervised training only.
        if (FeatureViewCatalog.Names.Contains("egemaps"))
        {
            await page.GetByText("egemaps", new() { Exact = true }).ClickAsync();
            await page.GetByText("Pairwise-CL, encoder tuned").ClickAsync();
            await page.GetByText("Pairwise-CL, encoder frozen").ClickAsync();
        }
        await FormFields.FillAsync(page, "fractions", "100");
        await FormFields.FillAsync(page, "repeats", "1");
        await FormFields.FillAsync(page, "temperatures", "0.5");
        await FormFields.FillAsync(page, "finetune-epochs", "2");
        await FormFields.FillAsync(page, "finetune-patience", "2");
        await page.GetByText("t-SNE and PWCCA").ClickAsync();
        await BrowserPortal.ScreenshotAsync(page, "new-experiment");
        await page.Locator("[data-testid=launch]").ClickAsync();

        // Launching reads and checks the corpus; on a loaded 2-core machine that took over 30 s once.
        await LaunchedOrRefusedAsync(page);
        await Assertions.Expect(page.Locator(".mud-chip", new() { HasTextString = "Succeeded" })).ToBeVisibleAsync(new() { Timeout = JobTimeout });
        await Assertions.Expect(page.Locator(".pcl-plot[data-name=uar_vs_fraction_mel] svg").First).ToBeVisibleAsync();
        await BrowserPortal.ScreenshotAsync(page, "experiment-results");

        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var experiment = await db.Experiments.SingleAsync();
        Assert.Equal(3, await db.Runs.CountAsync(r => r.ExperimentId == experiment.Id && r.State == JobState.Succeeded));
        Assert.Equal(["mel"], PairwiseCL.Web.Experiments.ExperimentLaunch.FromJson(experiment.ConfigurationJson).Protocol.Views);
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Waits for the experiment's page; a launch the form refused fails with the form's own words, not a timeout.</summary>
    private static async Task LaunchedOrRefusedAsync(IPage page)
    {
        var launched = page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/experiments/[0-9]+$"), new() { Timeout = JobTimeout });
        var problems = page.Locator("[data-testid=problems]");
        var refused = problems.WaitForAsync(new() { Timeout = JobTimeout });
        if (await Task.WhenAny(launched, refused) == refused && refused.IsCompletedSuccessfully)
            Assert.Fail("The form refused the launch: " + await problems.InnerTextAsync());
        await launched;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
    }
}
