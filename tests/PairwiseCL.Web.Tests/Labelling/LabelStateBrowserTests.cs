using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Web.Tests.Datasets;
using PairwiseCL.Web.Tests.TestSupport;
using Xunit.Abstractions;

namespace PairwiseCL.Web.Tests.Labelling;

/// <summary>
/// One label state on every page: the labelling page's history panel, chip and counts, and the corpus page's
/// counts and bars agree after labelling, undo, adding a class and merging one class into another; the
/// labeller stays on their clip through label-set edits; clips play on open and the grid shows what plays.
/// </summary>
public sealed class LabelStateBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string audio = Path.Combine(Path.GetTempPath(), "pairwisecl-label-state", Guid.NewGuid().ToString("N"));
    private BrowserPortal? browser;
    private int corpusId;

    public async Task InitializeAsync()
    {
        browser = await BrowserPortal.StartAsync(output);
        Directory.CreateDirectory(audio);
        string[] keys = ["c1", "c2", "c3", "c4"];
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
            // c1, which the grid test plays, lasts long enough for its playing state to be seen under load.
            await File.WriteAllBytesAsync(Path.Combine(audio, key + ".wav"), TestArchives.Wav(i == 0 ? 5 : 0.4 + 0.1 * i, 220 + 40 * i));
        var corpus = new Corpus("label-state", audio,
        [
            new Utterance("c1", "c1.wav", 5, "s1", "1", "neutral"),
            new Utterance("c2", "c2.wav", 0.5, "s1", "1", "calm"),
            new Utterance("c3", "c3.wav", 0.6, "s2", "2", null),
            new Utterance("c4", "c4.wav", 0.7, "s2", "2", null),
        ],
        [new LabelSet("emotions", ["neutral", "calm", "anger"])]);
        corpusId = await browser.Services.GetRequiredService<CorpusRepository>().SaveAsync(corpus);
    }

    [Fact]
    public async Task HistoryChipsCountsAndCorpusPage_ReadTheSameLabels_AndTheLabellerKeepsTheirClip()
    {
        var page = await browser!.SignedInPageAsync();
        await page.GotoAsync($"corpora/{corpusId}/label");
        await Assertions.Expect(page.Locator("[data-testid=current-clip]")).ToHaveAttributeAsync("data-keys-ready", "yes");
        // The first clip without a label opens, and plays without a key press.
        await Assertions.Expect(page.Locator("[data-testid=clip-key]")).ToHaveTextAsync("c3");
        await WaitUntilPlayingAsync(page, "c3");

        // Item 6: the open history panel follows labelling and undo without a reload.
        await page.Locator("[data-testid=label-history] .mud-expand-panel-header").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=label-history]")).ToContainTextAsync("No label changes recorded");
        await page.Keyboard.PressAsync("3");
        await Assertions.Expect(page.Locator("[data-testid=clip-key]")).ToHaveTextAsync("c4");
        await page.Keyboard.PressAsync("u");
        await Assertions.Expect(page.Locator("[data-testid=clip-key]")).ToHaveTextAsync("c3");
        var history = page.Locator("[data-testid=label-history] tbody tr");
        await Assertions.Expect(history).ToHaveCountAsync(2);
        await Assertions.Expect(history.First).ToContainTextAsync("anger");
        await Assertions.Expect(page.Locator("[data-testid=label-history]")).Not.ToContainTextAsync("No label changes recorded");

        // Item 8: adding a class and merging keep the labeller on their clip (c2, the "calm" one).
        await page.Locator("[data-testid=current-clip]").GetByRole(AriaRole.Button, new() { Name = "Previous" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=clip-key]")).ToHaveTextAsync("c2");
        await page.Locator("input[data-testid=new-class], [data-testid=new-class] input").First.FillAsync("happy");
        await page.Locator("[data-testid=add-class]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=class-happy]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=clip-key]")).ToHaveTextAsync("c2");
        await ChooseAsync(page, "merge-from", "calm");
        await ChooseAsync(page, "merge-into", "neutral");
        await page.Locator("[data-testid=merge-class]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=class-calm]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=clip-key]")).ToHaveTextAsync("c2");

        // Item 7: the chip says what the counts say.
        await Assertions.Expect(page.Locator("[data-testid=clip-label]")).ToHaveTextAsync("neutral");
        await Assertions.Expect(page.Locator("[data-testid=clip-recorded]")).ToContainTextAsync("recorded as calm");
        await Assertions.Expect(page.Locator("[data-testid=class-counts]")).ToContainTextAsync("neutral: 2");
        await BrowserPortal.ScreenshotAsync(page, "labelling-after-merge");

        await page.GotoAsync($"corpora/{corpusId}");
        await Assertions.Expect(page.Locator("[data-testid=label-count]")).ToHaveTextAsync("1 label");
        var chart = page.Locator("[data-testid=label-chart]");
        await Assertions.Expect(chart).ToContainTextAsync("neutral");
        await Assertions.Expect(chart).Not.ToContainTextAsync("calm");
        await Assertions.Expect(page.Locator(".pcl-utterance-grid")).ToContainTextAsync("calm"); // the recorded label column

        // The grid's play button shows the clip playing, and returns when it ends.
        var play = page.Locator(".pcl-play").First;
        await play.ClickAsync();
        await Assertions.Expect(play).ToHaveAttributeAsync("aria-pressed", "true");
        await BrowserPortal.ScreenshotAsync(page, "corpus-playing");
        await Assertions.Expect(play).ToHaveAttributeAsync("aria-pressed", "false", new() { Timeout = 120_000 });
    }

    private static async Task WaitUntilPlayingAsync(IPage page, string key) =>
        await page.WaitForFunctionAsync($"() => (window.pairwiseAudio.lastStarted() || '').endsWith('/audio/{key}')", null,
            new() { Timeout = 120_000 });

    private static async Task ChooseAsync(IPage page, string select, string option)
    {
        await page.Locator($"[data-testid={select}]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(option, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        if (Directory.Exists(audio)) Directory.Delete(audio, recursive: true);
    }
}
