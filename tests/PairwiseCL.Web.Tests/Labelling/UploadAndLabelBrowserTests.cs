using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
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
    private const string Chromium = "/usr/bin/chromium";
    private static readonly float Timeout = 30_000;

    private readonly PortalFactory portal = PortalFactory.Create(configureServices: services =>
        // A free loopback port instead of the configured 5080, which a developer's portal may be using.
        services.PostConfigure<KestrelServerOptions>(kestrel => kestrel.Configure(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Endpoints:Http:Url"] = "http://127.0.0.1:0" })
            .Build())));

    private WebApplicationFactory<Program>? server;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"The browser test needs Debian's Chromium at {Chromium} (apt-get install -y chromium).");
        // Outside Development the host serves static web assets (blazor.web.js, MudBlazor) only from a
        // publish folder; the browser needs them from the build output, as `dotnet run` has them.
        server = portal.WithWebHostBuilder(web => web.ConfigureAppConfiguration((context, _) =>
            StaticWebAssetsLoader.UseStaticWebAssets(context.HostingEnvironment, context.Configuration)));
        server.UseKestrel();
        server.StartServer();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--autoplay-policy=no-user-gesture-required", "--no-sandbox"],
        });
    }

    [Fact]
    public async Task AnEditor_UploadsACorpus_AndLabelsTwoClipsWithTheKeyboard()
    {
        var baseUrl = server!.ClientOptions.BaseAddress.ToString();
        var page = await browser!.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout(Timeout);

        await page.GotoAsync("Account/Login");
        await page.FillAsync("#email", PortalFactory.AdminEmail);
        await page.FillAsync("#password", PortalFactory.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));

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

        var corpusId = (await server.Services.GetRequiredService<CorpusRepository>().FindIdByNameAsync("two-clips"))!.Value;
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

        await using var db = await server.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
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
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        if (server is not null) await server.DisposeAsync();
        await portal.DisposeAsync();
    }
}
