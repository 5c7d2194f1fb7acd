using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;

namespace PairwiseCL.Cli.Commands;

/// <summary>
/// The CLI reads the same appsettings.json as the portal (linked into its output) plus environment
/// variables (Storage__DatabasePath=...), and reaches the same SQLite store, so a corpus imported here
/// shows in the portal. Relative paths resolve against the current directory (see <see cref="StorageOptions"/>).
/// </summary>
internal sealed class CliSettings : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CliSettings(ServiceProvider services)
    {
        _services = services;
        Storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
    }

    public StorageOptions Storage { get; }
    public string DataFolder => Storage.DataFolderFullPath;
    public string FeatureCachePath => Storage.FeatureCacheFullPath;

    public static CliSettings Load()
    {
        var configuration = new ConfigurationBuilder().AddSharedAppSettings().AddEnvironmentVariables().Build();
        var services = new ServiceCollection().AddLogging().AddPairwiseStore(configuration).BuildServiceProvider();
        return new CliSettings(services);
    }

    /// <summary>The corpus repository over a migrated store (creating the SQLite file on first use).</summary>
    public async Task<CorpusRepository> CorporaAsync(CancellationToken ct)
    {
        await _services.GetRequiredService<StoreMigrator>().MigrateAsync(ct);
        return _services.GetRequiredService<CorpusRepository>();
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
