using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Xunit.Abstractions;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Workspaces;

namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>
/// A portal served by Kestrel on a free loopback port with its static web assets, and headless Debian
/// Chromium driven by Playwright, for the browser tests.
/// </summary>
public sealed class BrowserPortal : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    // Generous: on a loaded 2-core CI machine two browser tests and their jobs share the cores, and a 30 s wait
    // for a circuit round trip failed now and then although nothing was wrong.
    public const float Timeout = 60_000;

    private readonly PortalFactory portal;
    private readonly WebApplicationFactory<Program> server;
    private readonly IPlaywright playwright;

    private BrowserPortal(PortalFactory portal, WebApplicationFactory<Program> server, IPlaywright playwright, IBrowser browser, PortalLog log)
    {
        Log = log;
        this.portal = portal;
        this.server = server;
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>The portal's warnings and errors and its signed-in pages' console errors, for failure messages.</summary>
    public PortalLog Log { get; }

    public IServiceProvider Services => server.Services;

    public string BaseUrl => server.ClientOptions.BaseAddress.ToString();

    /// <param name="output">Receives the portal's log when the test ends; xUnit prints it under a failed test.</param>
    /// <param name="chromiumArguments">Added to --no-sandbox (e.g. fake media devices).</param>
    public static async Task<BrowserPortal> StartAsync(ITestOutputHelper output, params string[] chromiumArguments)
    {
        Assert.True(File.Exists(Chromium), $"The browser test needs Debian's Chromium at {Chromium} (apt-get install -y chromium).");
        // Expectations wait as long as actions: Playwright's 5 s default is too short on a loaded 2-core CI machine.
        Assertions.SetDefaultExpectTimeout(Timeout);
        var log = new PortalLog(output);
        log.WatchThreadPool();
        var portal = PortalFactory.Create(configureServices: services =>
        {
            services.AddSingleton<ILoggerProvider>(log);
            // Rules for this provider alone: the console keeps its level, the log sees circuits drop and navigate.
            services.AddLogging(logging =>
            {
                foreach (var category in PortalLog.ConnectionCategories) logging.AddFilter<PortalLog>(category, LogLevel.Debug);
            });
            // A free loopback port instead of the configured 5080, which a developer's portal may be using.
            services.PostConfigure<KestrelServerOptions>(kestrel => kestrel.Configure(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Endpoints:Http:Url"] = "http://127.0.0.1:0" })
                .Build()));
        });
        // Outside Development the host serves static web assets (blazor.web.js, MudBlazor) only from a
        // publish folder; the browser needs them from the build output, as `dotnet run` has them.
        var server = portal.WithWebHostBuilder(web => web.ConfigureAppConfiguration((context, _) =>
            StaticWebAssetsLoader.UseStaticWebAssets(context.HostingEnvironment, context.Configuration)));
        server.UseKestrel();
        server.StartServer();
        var playwright = await Playwright.CreateAsync();
        var browser = await LaunchAsync(playwright, chromiumArguments);
        return new BrowserPortal(portal, server, playwright, browser, log);
    }

    /// <summary>A second Chromium on the same portal with other arguments (e.g. without fake media devices); the caller disposes it.</summary>
    public Task<IBrowser> LaunchAnotherBrowserAsync(params string[] chromiumArguments) => LaunchAsync(playwright, chromiumArguments);

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright, string[] chromiumArguments) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--autoplay-policy=no-user-gesture-required", .. chromiumArguments],
        });

    /// <summary>A new page signed in as the administrator.</summary>
    public async Task<IPage> SignedInPageAsync()
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        page.SetDefaultTimeout(Timeout);
        page.Console += (_, message) =>
        {
            // Blazor's own messages (connection lost, reconnected, circuit errors) come as info too.
            if (message.Type is "error" or "warning" || message.Text.Contains("Blazor", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("connection", StringComparison.OrdinalIgnoreCase))
                Log.Add($"browser {message.Type}", message.Text);
        };
        page.PageError += (_, error) => Log.Add("browser page error", error);
        await SignInAsync(page, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        return page;
    }

    /// <summary>Creates an account (password "Member#Pass123") with <paramref name="role"/> in the default workspace.</summary>
    public async Task AddMemberAsync(string email, WorkspaceRole role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, DisplayName = email };
        Assert.True((await users.CreateAsync(user, "Member#Pass123")).Succeeded);
        var workspaces = scope.ServiceProvider.GetRequiredService<WorkspaceRepository>();
        await workspaces.SetMemberAsync(await workspaces.GetDefaultIdAsync(), user.Id, role);
    }

    /// <summary>Saves a screenshot when PAIRWISECL_SCREENSHOTS names a folder, for looking at the pages.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("PAIRWISECL_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>Signs in through the login page and waits until it has left it.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("Account/Login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));
    }

    public async ValueTask DisposeAsync()
    {
        Log.WriteToOutput();
        await Browser.DisposeAsync();
        playwright.Dispose();
        await server.DisposeAsync();
        await portal.DisposeAsync();
    }
}
