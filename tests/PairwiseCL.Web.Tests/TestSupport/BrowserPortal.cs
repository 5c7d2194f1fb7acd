using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>
/// The real portal on a free loopback port and a headless Debian Chromium driven by Playwright, with
/// pages signed in as the administrator.
/// </summary>
public sealed class BrowserPortal : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    public const float Timeout = 30_000;

    private readonly PortalFactory portal = PortalFactory.Create(configureServices: services =>
        // A free loopback port instead of the configured 5080, which a developer's portal may be using.
        services.PostConfigure<KestrelServerOptions>(kestrel => kestrel.Configure(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Endpoints:Http:Url"] = "http://127.0.0.1:0" })
            .Build())));

    private WebApplicationFactory<Program>? server;
    private IPlaywright? playwright;
    private IBrowser? browser;

    private BrowserPortal()
    {
    }

    public IServiceProvider Services => server!.Services;

    public static async Task<BrowserPortal> StartAsync()
    {
        Assert.True(File.Exists(Chromium), $"The browser test needs Debian's Chromium at {Chromium} (apt-get install -y chromium).");
        var started = new BrowserPortal();
        // Outside Development the host serves static web assets (blazor.web.js, MudBlazor) only from a
        // publish folder; the browser needs them from the build output, as `dotnet run` has them.
        started.server = started.portal.WithWebHostBuilder(web => web.ConfigureAppConfiguration((context, _) =>
            StaticWebAssetsLoader.UseStaticWebAssets(context.HostingEnvironment, context.Configuration)));
        started.server.UseKestrel();
        started.server.StartServer();
        started.playwright = await Playwright.CreateAsync();
        started.browser = await started.playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--autoplay-policy=no-user-gesture-required", "--no-sandbox"],
        });
        return started;
    }

    /// <summary>A new page signed in as the administrator.</summary>
    public async Task<IPage> SignedInPageAsync()
    {
        var page = await browser!.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = server!.ClientOptions.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        page.SetDefaultTimeout(Timeout);
        await page.GotoAsync("Account/Login");
        await page.FillAsync("#email", PortalFactory.AdminEmail);
        await page.FillAsync("#password", PortalFactory.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));
        return page;
    }

    /// <summary>Saves a screenshot when PAIRWISECL_SCREENSHOTS names a folder, for looking at the pages.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("PAIRWISECL_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        if (server is not null) await server.DisposeAsync();
        await portal.DisposeAsync();
    }
}
