using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Web.Tests.Datasets;
using PairwiseCL.Web.Tests.TestSupport;
using Xunit.Abstractions;

namespace PairwiseCL.Web.Tests.Labelling;

/// <summary>
/// The whole path in a real browser (headless Debian Chromium driven by Playwright): sign in, upload a
/// two-clip corpus zip, wait for its import, then label both clips with the keyboard and find the labels
/// and their history in the store.
/// </summary>
public sealed class UploadAndLabelBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const float Timeout = BrowserPortal.Timeout;
    private BrowserPortal? browser;

    public async Task InitializeAsync() => browser = await BrowserPortal.StartAsync(output);

    [Fact]
    public async Task AnEditor_UploadsACorpus_AndLabelsTwoClipsWithTheKeyboard()
    {
        var page = await browser!.SignedInPageAsync();

        await page.GotoAsync("datasets/new");
        await Assertions.Expect(page.Locator("[data-testid=add-corpus]")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.Locator("input[data-testid=upload-name], [data-testid=upload-name] input").First.FillAsync("two-clips");
        var archive = new FilePayload { Name = "two-clips.zip", MimeType = "application/zip", Buffer = TestArchives.SmallCorpus() };
        var upload = page.Locator("[data-testid=upload-button]");
        // The file input is enabled once the server listens to it (before that a choice would go unheard).
        var chooser = page.Locator("input[type=file][data-testid=upload-file]");
        await Assertions.Expect(chooser).ToHaveAttributeAsync("data-listening", "yes");
        await chooser.SetInputFilesAsync(archive);
        await Assertions.Expect(upload).ToBeEnabledAsync();
        await upload.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=import-state]")).ToHaveTextAsync("Succeeded", new() { Timeout = Timeout });
        await BrowserPortal.ScreenshotAsync(page, "add-corpus");

        var corpusId = (await browser.Services.GetRequiredService<CorpusRepository>().FindIdByNameAsync("two-clips"))!.Value;
        await page.GotoAsync($"corpora/{corpusId}");
        await Assertions.Expect(page.Locator("[data-testid=label-chart]")).ToBeVisibleAsync();
        await BrowserPortal.ScreenshotAsync(page, "corpus");

        await page.GotoAsync($"corpora/{corpusId}/label");
        await Assertions.Expect(page.Locator("[data-testid=current-clip]")).ToHaveAttributeAsync("data-keys-ready", "yes");
        await Assertions.Expect(page.Locator("[data-testid=clip-key]")).ToHaveTextAsync("a");
        // The CSV's classes in order: 1 = ang, 2 = neu. Clip a came as neu, clip b as ang; swap both.
        await page.Keyboard.PressAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=clip-key]")).ToHaveTextAsync("b");
        await page.Keyboard.PressAsync("2");
        await Assertions.Expect(page.Locator("[data-testid=clip-label]")).ToHaveTextAsync("neu");
        await BrowserPortal.ScreenshotAsync(page, "labelling");

        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var labels = await db.Utterances.Where(u => u.CorpusId == corpusId).OrderBy(u => u.Key).Select(u => u.Label).ToListAsync();
        var events = await db.LabelEvents.Where(e => e.Utterance!.CorpusId == corpusId).OrderBy(e => e.Id)
            .Select(e => new { e.Utterance!.Key, e.PreviousLabel, e.Label, e.User!.Email }).ToListAsync();
        Assert.Equal(["ang", "neu"], labels);
        Assert.Equal([("a", "neu", "ang"), ("b", "ang", "neu")], events.Select(e => (e.Key, e.PreviousLabel!, e.Label!)));
        Assert.All(events, e => Assert.Equal(PortalFactory.AdminEmail, e.Email));
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
    }
}
