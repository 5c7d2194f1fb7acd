using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PairwiseCL.Web.Tests.Experiments;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.TryIt;

/// <summary>
/// In headless Debian Chromium: the finished experiment, exported from its portal, is imported through the
/// Experiments page of a second portal; its Try it page classifies an uploaded clip and a clip recorded from
/// Chromium's fake microphone, each time drawing one probability bar per emotion.
/// </summary>
[Collection(FinishedExperimentCollection.Name)]
public sealed class TryItBrowserTests(FinishedExperiment finished) : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly float Timeout = 60_000;

    private readonly PortalFactory portal = PortalFactory.Create(configureServices: services =>
        services.PostConfigure<KestrelServerOptions>(kestrel => kestrel.Configure(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Endpoints:Http:Url"] = "http://127.0.0.1:0" })
            .Build())));

    private WebApplicationFactory<Program>? server;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"The browser test needs Debian's Chromium at {Chromium} (apt-get install -y chromium).");
        server = portal.WithWebHostBuilder(web => web.ConfigureAppConfiguration((context, _) =>
            StaticWebAssetsLoader.UseStaticWebAssets(context.HostingEnvironment, context.Configuration)));
        server.UseKestrel();
        server.StartServer();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
        });
    }

    [Fact]
    public async Task ImportedExperiment_ClassifiesAnUploadedAndARecordedClip()
    {
        var source = await SignedInUsers.BrowserAsync(finished.Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var archive = await source.GetByteArrayAsync($"/api/experiments/{finished.ExperimentId}/export");
        var clip = File.ReadAllBytes(Directory.EnumerateFiles(Path.Combine(finished.Portal.Folder, "synthetic"), "*.wav", SearchOption.AllDirectories).Order().First());

        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server!.ClientOptions.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            Permissions = ["microphone"],
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        await page.GotoAsync("Account/Login");
        await page.FillAsync("#email", PortalFactory.AdminEmail);
        await page.FillAsync("#password", PortalFactory.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));

        await page.GotoAsync("experiments");
        await Assertions.Expect(page.Locator("[data-testid=import]")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.Locator("input[type=file][data-testid=import-file]").SetInputFilesAsync(new FilePayload { Name = "experiment.zip", MimeType = "application/zip", Buffer = archive });
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/experiments/\d+$"));
        await Assertions.Expect(page.GetByText("imported").First).ToBeVisibleAsync();

        await page.GetByText("Try a fine-tuned model").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=try-model]")).ToHaveAttributeAsync("data-interactive", "yes");
        var classes = await ClassCountAsync(page);

        await page.Locator("input[type=file][data-testid=clip-file]").SetInputFilesAsync(new FilePayload { Name = "clip.wav", MimeType = "audio/wav", Buffer = clip });
        await Assertions.Expect(page.Locator("[data-testid=predicted]")).ToHaveAttributeAsync("data-source", "uploaded");
        await Assertions.Expect(page.Locator(".pcl-plot .bars path")).ToHaveCountAsync(classes);

        await page.Locator("[data-testid=start-recording]").ClickAsync();
        await page.WaitForTimeoutAsync(1500);
        await page.Locator("[data-testid=stop-recording]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=predicted]")).ToHaveAttributeAsync("data-source", "recorded");
        await Assertions.Expect(page.Locator("[data-testid=prediction-problem]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".pcl-plot .bars path")).ToHaveCountAsync(classes);
    }

    /// <summary>The emotions of the selected model, read from its model list over the browser's session.</summary>
    private static async Task<int> ClassCountAsync(IPage page)
    {
        var id = page.Url.Split('/')[^2];
        var response = await page.APIRequest.GetAsync($"api/experiments/{id}/models");
        var models = System.Text.Json.JsonDocument.Parse(await response.TextAsync()).RootElement;
        return models[0].GetProperty("classNames").GetArrayLength();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        if (server is not null) await server.DisposeAsync();
        await portal.DisposeAsync();
    }
}
