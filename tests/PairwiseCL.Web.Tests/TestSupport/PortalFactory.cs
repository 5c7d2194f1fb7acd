using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Store;

namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>
/// The real portal host over a fresh SQLite file in a temporary folder (or, with <see cref="StoreProviders.Postgres"/>,
/// a fresh database on the test run's <see cref="PostgresServer"/>), with a configured administrator.
/// Each test class gets its own factory (and so its own database).
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@lab.test";
    public const string AdminPassword = "Admin#Pass123";

    private readonly bool ownsFolder;
    private readonly Action<IServiceCollection>? configureServices;
    private readonly IReadOnlyDictionary<string, string?> settings;

    public PortalFactory()
        : this(null, null, StoreProviders.Sqlite)
    {
    }

    // xunit class fixtures need exactly one public constructor, so the configurable one is not public.
    protected PortalFactory(string? folder, Action<IServiceCollection>? configureServices, string provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        this.settings = settings ?? new Dictionary<string, string?>();
        ownsFolder = folder is null;
        Folder = folder ?? NewFolder();
        this.configureServices = configureServices;
        Provider = provider;
    }

    public string Folder { get; }

    /// <summary><see cref="StoreProviders.Sqlite"/> or <see cref="StoreProviders.Postgres"/>.</summary>
    public string Provider { get; }

    /// <summary>The PostgreSQL database of this folder's store: one per folder, so a second host on the folder reopens it.</summary>
    public string PostgresDatabase => PostgresDatabaseFor(Folder);

    public static string PostgresDatabaseFor(string folder) => "pairwisecl_" + Path.GetFileName(folder.TrimEnd('/')).ToLowerInvariant();

    /// <summary>
    /// A host over <paramref name="folder"/> (a new temporary one when null, deleted on dispose; a given
    /// one is left for the caller, so a second host can reopen the same store), with extra services.
    /// </summary>
    public static PortalFactory Create(string? folder = null, Action<IServiceCollection>? configureServices = null, string provider = StoreProviders.Sqlite,
        IReadOnlyDictionary<string, string?>? settings = null) =>
        new(folder, configureServices, provider, settings);

    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "pairwisecl-web-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(Folder, "store", "portal.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataFolder", Path.Combine(Folder, "data"));
        builder.UseSetting("Storage:DatabasePath", DatabasePath);
        if (Provider == StoreProviders.Postgres)
        {
            builder.UseSetting("Storage:Provider", StoreProviders.Postgres);
            builder.UseSetting("Storage:ConnectionString", PostgresServer.Instance.ConnectionString(PostgresDatabase));
        }
        builder.UseSetting("Storage:FeatureCachePath", Path.Combine(Folder, "features"));
        builder.UseSetting("Portal:Admin:Email", AdminEmail);
        builder.UseSetting("Portal:Admin:Password", AdminPassword);
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        if (configureServices is not null)
            builder.ConfigureServices(configureServices);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task<PortalDbContext> CreateDbContextAsync() =>
        await Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    /// <summary>A client that keeps cookies but does not follow redirects, so tests can see them.</summary>
    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // Pooled connections keep the file open; release them so the folder can go.
        SqliteConnection.ClearAllPools();
        if (ownsFolder && Provider == StoreProviders.Postgres)
            PostgresServer.Instance.DropDatabaseAsync(PostgresDatabase).GetAwaiter().GetResult();
        if (ownsFolder && Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>The same portal over PostgreSQL, for the store tests that run against both providers.</summary>
public sealed class PostgresPortalFactory() : PortalFactory(null, null, StoreProviders.Postgres);
