using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Web.Tests.Datasets;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Labelling;

/// <summary>
/// The whole path in a real browser (headless Debian Chromium driven by Playwright): sign in, upload a
/// two-clip corpus zip, wait for its import, then label both clips with the keyboard and find the labels
/// and their history in the store.
/// </summary>
public sealed class UploadAndLabelBrowserTests : IAsyncLifetime
{
    private static readonly float Timeout = 30_000;

    private BrowserPortal? portal;

    public async Task InitializeAsync() => portal = await BrowserPortal.StartAsync("--autoplay-policy=no-user-gesture-required");

    [Fact]
    public async Task AnEditor_UploadsACorpus_AndLabelsTwoClipsWithTheKeyboard()
    {
        var page = await portal!.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = portal.BaseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout(Timeout);
        await BrowserPortal.SignInAsync(page, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        await page.GotoAsync("datasets/new");
        await Assertions.Expect(page.Locator("[data-testid=add-corpus]")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.Locator("input[data-testid=upload-name], [data-testid=upload-name] input").First.FillAsync("two-clips");
        await page.Locator("input[type=file][data-testid=upload-file]").SetInputFilesAsync(new FilePayload
        {
            Name = "two-clips.zip",
            MimeType = "application/zip",
            Buffer = TestArchives.SmallCorpus(),
        });
        await page.Locator("[data-testid=upload-button]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=import-state]")).ToHaveTextAsync("Succeeded", new() { Timeout = Timeout });
        await ScreenshotAsync(page, "add-corpus");

        var corpusId = (await portal.Services.GetRequiredService<CorpusRepository>().FindIdByNameAsync("two-clips"))!.Value;
        await page.GotoAsync($"corpora/{corpusId}");
        await Assertions.Expect(page.Locator("[data-testid=label-chart]")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "corpus");

        await page.GotoAsync($"corpora/{corpusId}/label");
        await Assertions.Expect(page.Locator("[data-testid=current-clip]")).ToHaveAttributeAsync("data-keys-ready", "yes");
        await Assertions.Expect(page.Locator("[data-testid=clip-key]")).ToHaveTextAsync("a");
        // The CSV's classes in order: 1 = ang, 2 = neu. Clip a came as neu, clip b as ang; swap both.
        await page.Keyboard.PressAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=clip-key]")).ToHaveTextAsync("b");
        await page.Keyboard.PressAsync("2");
        await Assertions.Expect(page.Locator("[data-testid=clip-label]")).ToHaveTextAsync("neu");
        await ScreenshotAsync(page, "labelling");

        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var labels = await db.Utterances.Where(u => u.CorpusId == corpusId).OrderBy(u => u.Key).Select(u => u.Label).ToListAsync();
        var events = await db.LabelEvents.Where(e => e.Utterance!.CorpusId == corpusId).OrderBy(e => e.Id)
            .Select(e => new { e.Utterance!.Key, e.PreviousLabel, e.Label, e.User!.Email }).ToListAsync();
        Assert.Equal(["ang", "neu"], labels);
        Assert.Equal([("a", "neu", "ang"), ("b", "ang", "neu")], events.Select(e => (e.Key, e.PreviousLabel!, e.Label!)));
        Assert.All(events, e => Assert.Equal(PortalFactory.AdminEmail, e.Email));
    }

    /// <summary>Saves a screenshot when PAIRWISECL_SCREENSHOTS names a folder, for looking at the pages.</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("PAIRWISECL_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (portal is not null) await portal.DisposeAsync();
    }
}
