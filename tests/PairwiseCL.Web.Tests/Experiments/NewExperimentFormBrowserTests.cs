using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Web.Tests.TestSupport;
using Xunit.Abstractions;

namespace PairwiseCL.Web.Tests.Experiments;

/// <summary>
/// The New experiment form in a real browser: the suggested name follows the corpus picked, every problem
/// shows at once in plain words, numbers below their minimum are refused rather than raised, and wav2vec 2.0
/// is listed disabled with what enables it.
/// </summary>
public sealed class NewExperimentFormBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private BrowserPortal? browser;

    public async Task InitializeAsync()
    {
        browser = await BrowserPortal.StartAsync(output);
        var corpora = browser.Services.GetRequiredService<CorpusRepository>();
        await corpora.SaveAsync(Tiny("alpha-corpus"));
        await corpora.SaveAsync(Tiny("beta-corpus"));
    }

    [Fact]
    public async Task TheNameFollowsTheCorpus_AndEveryProblemShowsAtOnce_WithoutChangingAValue()
    {
        var page = await browser!.SignedInPageAsync();
        await page.GotoAsync("experiments/new");
        await Assertions.Expect(page.Locator("[data-testid=new-experiment]")).ToHaveAttributeAsync("data-interactive", "yes");
        var name = FormFields.Input(page, "experiment-name");
        await Assertions.Expect(name).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^alpha-corpus \\d{4}-"));

        // Item 9: picking another corpus renames the suggestion...
        await page.Locator("[data-testid=corpus]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("beta-corpus", new() { Exact = false }).ClickAsync();
        await Assertions.Expect(name).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^beta-corpus \\d{4}-"));

        // Item 20: wav2vec 2.0 is listed, disabled, saying what enables it.
        var wav2vec2 = page.GetByRole(AriaRole.Checkbox, new() { Name = "wav2vec2 (wav2vec 2.0): set Wav2Vec2:ModelPath (README)" });
        await Assertions.Expect(wav2vec2).ToBeDisabledAsync();

        // Item 10: no views, fractions 0 and 150, tau -1, zero repeats and batch size: every problem at once.
        foreach (var view in new[] { "mel", "egemaps" })
            if (await page.GetByText(view, new() { Exact = true }).CountAsync() > 0)
                await page.GetByText(view, new() { Exact = true }).ClickAsync();
        await FormFields.FillAsync(page, "fractions", "0, 150");
        await FormFields.FillAsync(page, "temperatures", "-1");
        await FormFields.FillAsync(page, "repeats", "0");
        await FormFields.FillAsync(page, "batch-size", "0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();

        var problems = page.Locator("[data-testid=problems]");
        await Assertions.Expect(problems).ToContainTextAsync("Choose two views: Pairwise-CL pre-training needs two, and none is chosen.");
        await Assertions.Expect(problems).ToContainTextAsync("Label fractions are percentages above 0 and at most 100; 0 and 150 are not.");
        await Assertions.Expect(problems).ToContainTextAsync("Temperatures (tau) must be above 0; -1 is not.");
        await Assertions.Expect(problems).ToContainTextAsync("Repeats per fraction must be between 1 and 1000; 0 is not.");
        await Assertions.Expect(problems).ToContainTextAsync("Batch size must be at least 2; 0 is not.");
        await Assertions.Expect(problems).Not.ToContainTextAsync("got");
        // The refused numbers stay as typed.
        await Assertions.Expect(FormFields.Input(page, "repeats")).ToHaveValueAsync("0");
        await Assertions.Expect(FormFields.Input(page, "batch-size")).ToHaveValueAsync("0");
        await BrowserPortal.ScreenshotAsync(page, "new-experiment-problems");

        // A name typed by hand is kept when the corpus changes.
        await name.FillAsync("my own name");
        await name.PressAsync("Tab");
        await page.Locator("[data-testid=corpus]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("alpha-corpus", new() { Exact = false }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Assertions.Expect(name).ToHaveValueAsync("my own name");
    }

    private static Corpus Tiny(string name)
    {
        string[] classes = ["happy", "sad"];
        var utterances = (
            from session in Enumerable.Range(1, 3)
            from label in classes
            from i in Enumerable.Range(0, 2)
            select new Utterance($"s{session}_{label}_{i}", $"{session}/{label}_{i}.wav", 1.0, $"spk{session}", session.ToString(), label)).ToList();
        return new Corpus(name, "/audio", utterances, [new LabelSet("emotions", classes)]);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
    }
}
