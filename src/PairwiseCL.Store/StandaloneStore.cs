using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PairwiseCL.Store;

/// <summary>
/// The store outside a web host, for the CLI: the same settings file, environment variables and
/// arguments as the portal, the same SQLite file, migrations applied before first use.
/// </summary>
public static class StandaloneStore
{
    /// <summary>The shared appsettings.json, then environment variables, then "--Storage:DatabasePath=..." style arguments.</summary>
    public static IConfiguration LoadConfiguration(string[]? args = null) =>
        new ConfigurationBuilder()
            .AddSharedAppSettings()
            .AddEnvironmentVariables()
            .AddCommandLine(args ?? [])
            .Build();

    /// <summary>
    /// A service provider with the store's services (<see cref="Corpora.CorpusRepository"/>,
    /// <see cref="Workspaces.WorkspaceRepository"/>, ...) over a migrated database. Dispose it when done.
    /// </summary>
    public static async Task<ServiceProvider> OpenAsync(IConfiguration configuration, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        var services = new ServiceCollection()
            .AddLogging(builder => logging?.Invoke(builder))
            .AddPairwiseStore(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await services.GetRequiredService<StoreMigrator>().MigrateAsync(cancellationToken);
        return services;
    }
}
