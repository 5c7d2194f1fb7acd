using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Store;

namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>
/// The real portal host over a fresh SQLite file in a temporary folder, with a configured administrator.
/// Each test class gets its own factory (and so its own database).
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@lab.test";
    public const string AdminPassword = "Admin#Pass123";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "pairwisecl-web-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(Folder, "store", "portal.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataFolder", Path.Combine(Folder, "data"));
        builder.UseSetting("Storage:DatabasePath", DatabasePath);
        builder.UseSetting("Storage:FeatureCachePath", Path.Combine(Folder, "features"));
        builder.UseSetting("Portal:Admin:Email", AdminEmail);
        builder.UseSetting("Portal:Admin:Password", AdminPassword);
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
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
