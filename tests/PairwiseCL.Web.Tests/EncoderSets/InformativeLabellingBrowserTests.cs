using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PairwiseCL.Core.Corpora.Synthetic;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Tests.TestSupport;
using Xunit.Abstractions;

namespace PairwiseCL.Web.Tests.EncoderSets;

/// <summary>
/// Issue 14's loop in a real browser, as far as it is built: an unlabelled synthetic corpus, encoders pre-trained
/// from its page, the labelling page's "most informative first" order with its reason per clip, and 16 clips
/// labelled with the keyboard, each label event recording the strategy, queue position and encoder set, and a
/// model trained on those labels from the encoder set, listed with its held-out estimate.
/// </summary>
public sealed class InformativeLabellingBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Labels = 16;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pairwisecl-informative", Guid.NewGuid().ToString("N"));
    private BrowserPortal? browser;
    private int corpusId;
    private int clips;

    public async Task InitializeAsync()
    {
        browser = await BrowserPortal.StartAsync(output);
        var generated = new SyntheticCorpusGenerator().Generate(folder,
            new SyntheticCorpusOptions(Sessions: 4, SpeakersPerSession: 1, ClipsPerSpeakerAndEmotion: 4, MinSeconds: 0.6, MaxSeconds: 1.0));
        // The lab's situation: clips without labels, and the classes it wants.
        var unlabelled = generated with { Utterances = [.. generated.Utterances.Select(u => u with { Label = null })] };
        corpusId = await browser.Services.GetRequiredService<CorpusRepository>().SaveAsync(unlabelled);
        clips = unlabelled.Utterances.Count;
    }

    [Fact]
    public async Task PretrainedEncoders_OrderTheQueue_AndEveryKeyboardLabelRecordsWhyItsClipCameUp()
    {
        var page = await browser!.SignedInPageAsync();
        await page.GotoAsync($"corpora/{corpusId}");
        await Assertions.Expect(page.Locator("[data-testid=encoder-sets]")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.GetByText("Encoder sets (0)").ClickAsync();
        await page.Locator(".pcl-pretrain-epochs input").FillAsync("3");
        await page.Locator(".pcl-pretrain").ClickAsync();
        await Assertions.Expect(page.Locator(".pcl-encoder-sets tbody tr")).ToHaveCountAsync(1, new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator("[data-testid=pretrain-job]")).ToContainTextAsync("succeeded");
        await BrowserPortal.ScreenshotAsync(page, "corpus-encoder-sets");

        await page.GotoAsync($"corpora/{corpusId}/label");
        await Assertions.Expect(page.Locator("[data-testid=current-clip]")).ToHaveAttributeAsync("data-keys-ready", "yes");
        await page.Locator(".pcl-label-order").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Most informative first" }).ClickAsync();
        var why = page.Locator("[data-testid=clip-why]");
        await Assertions.Expect(why).ToContainTextAsync("Picked by diversity: ", new() { Timeout = 60_000 });
        await BrowserPortal.ScreenshotAsync(page, "labelling-informative");

        var progress = page.Locator("[data-testid=label-progress]");
        for (var i = 1; i <= Labels; i++)
        {
            await page.Keyboard.PressAsync(((i - 1) % 4 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(progress).ToContainTextAsync($"{i} / ");
        }
        // After 8 labels of four classes the queue was ranked again by the model's doubt.
        await Assertions.Expect(why).ToContainTextAsync("model unsure: ", new() { Timeout = 60_000 });

        // Train a model on the 16 labels, starting from the tuned encoder set; the corpus lists it with its estimate.
        await page.GotoAsync($"corpora/{corpusId}");
        await Assertions.Expect(page.Locator("[data-testid=labelled-models]")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.GetByText("Models trained on its labels (0)").ClickAsync();
        await page.Locator(".pcl-model-start").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = ", tuned" }).ClickAsync();
        await page.Locator(".pcl-model-epochs input").FillAsync("3");
        await page.Locator(".pcl-train-model").ClickAsync();
        await Assertions.Expect(page.Locator(".pcl-labelled-models tr[data-model-job]")).ToHaveCountAsync(1, new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator(".pcl-labelled-models")).ToContainTextAsync("leave-one-speaker-out");
        await Assertions.Expect(page.Locator(".pcl-labelled-models")).ToContainTextAsync(Labels.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The estimate's confusion matrix, pooled over the held-out folds, counts every labelled clip once.
        await page.Locator(".pcl-confusion summary").ClickAsync();
        var cells = await page.Locator(".pcl-confusion tbody td").AllInnerTextsAsync();
        Assert.Equal(16, cells.Count);
        Assert.Equal(Labels, cells.Sum(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture)));
        await BrowserPortal.ScreenshotAsync(page, "corpus-models");

        // Predict the rest: the grid gains the model's prediction and confidence for each clip without a label.
        await page.Locator(".pcl-predict-rest").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=predictions-shown]")).ToContainTextAsync("clips without a label", new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator(".pcl-model-predictions")).ToContainTextAsync($"{clips - Labels} clips");
        await Assertions.Expect(page.Locator(".pcl-utterance-grid th", new() { HasTextString = "Confidence" })).ToHaveCountAsync(1);
        await BrowserPortal.ScreenshotAsync(page, "corpus-predictions");
        // Accepting one keeps it as the model's label: the human label count stays at 16.
        await page.Locator(".pcl-accept").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=accepted-count]")).ToContainTextAsync("1 accepted prediction");
        // A new training may use it, when asked (off by default).
        await Assertions.Expect(page.Locator(".pcl-model-with-accepted")).ToContainTextAsync("also train on the accepted prediction (not in the estimate)");
        Assert.False(await page.Locator(".pcl-model-with-accepted input").IsCheckedAsync());

        // The least confident predictions go to the labelling queue first, each with the model's doubt as the reason.
        await page.Locator(".pcl-label-least-confident").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=current-clip]")).ToHaveAttributeAsync("data-keys-ready", "yes");
        await Assertions.Expect(why).ToContainTextAsync("Picked by least-confident: model unsure: ", new() { Timeout = 60_000 });
        await page.Keyboard.PressAsync("1");
        await Assertions.Expect(progress).ToContainTextAsync($"{Labels + 1} / ");

        // Try it with the corpus's model: an uploaded clip is classified.
        await page.GotoAsync($"corpora/{corpusId}");
        await Assertions.Expect(page.Locator("[data-testid=labelled-models]")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.GetByText("Models trained on its labels (1)").ClickAsync();
        await page.Locator(".pcl-try-model").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=try-model]")).ToHaveAttributeAsync("data-interactive", "yes");
        var clip = await File.ReadAllBytesAsync(Directory.EnumerateFiles(folder, "*.wav", SearchOption.AllDirectories).First());
        await Assertions.Expect(page.Locator("input[type=file][data-testid=clip-file]")).ToHaveAttributeAsync("data-listening", "yes");
        await page.Locator("input[type=file][data-testid=clip-file]").SetInputFilesAsync(new FilePayload { Name = "clip.wav", MimeType = "audio/wav", Buffer = clip });
        await Assertions.Expect(page.Locator("[data-testid=predicted]")).ToHaveAttributeAsync("data-source", "uploaded", new() { Timeout = 60_000 });
        await BrowserPortal.ScreenshotAsync(page, "corpus-model-try-it");

        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var all = await db.LabelEvents.Where(e => e.Utterance!.CorpusId == corpusId).OrderBy(e => e.Id).ToListAsync();
        var model = Assert.Single(all, e => e.Source == LabelSource.Model);
        Assert.Null((await db.Utterances.SingleAsync(u => u.Id == model.UtteranceId)).Label); // the model's label is not a person's
        var leastConfident = all.Last();
        Assert.Equal(("least-confident", LabelSource.Human, 1), (leastConfident.Strategy, leastConfident.Source, leastConfident.QueuePosition));
        var events = all.Take(Labels).ToList();
        Assert.Equal(Labels, events.Count);
        Assert.All(events, e => Assert.Equal(LabelSource.Human, e.Source));
        Assert.All(events, e => Assert.NotNull(e.EncoderSet));
        Assert.Equal(Enumerable.Range(1, Labels), events.Select(e => e.QueuePosition!.Value));
        Assert.All(events.Take(4), e => Assert.Equal("diversity", e.Strategy));
        Assert.Contains(events, e => e.Strategy == "uncertainty-margin");
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
