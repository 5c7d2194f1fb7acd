using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Core.Files;
using PairwiseCL.Core.Views.Wav2Vec2;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;

namespace PairwiseCL.Cli.Commands;

/// <summary>
/// The CLI reads the same appsettings.json as the portal (linked into its output) plus environment
/// variables (Storage__DatabasePath=...), and reaches the same SQLite store, so a corpus imported here
/// shows in the portal. Relative paths resolve against the current directory (see <see cref="StorageOptions"/>).
/// The store is opened (and migrated) only by commands that use it.
/// </summary>
internal sealed class CliSettings : IAsyncDisposable
{
    private readonly IConfiguration _configuration;
    private ServiceProvider? _store;

    private CliSettings(IConfiguration configuration)
    {
        _configuration = configuration;
        Storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        Wav2Vec2 = configuration.GetSection("Wav2Vec2").Get<Wav2Vec2ViewOptions>() ?? new Wav2Vec2ViewOptions();
        ImportRoots = configuration.GetSection("Datasets:ServerImportRoots").Get<string[]>() ?? [];
        // Before any import reads a file: the store is never opened as a plain file, even by a manifest naming it.
        ProtectedFiles.ProtectDatabase(Storage.DatabaseFullPath);
    }

    /// <summary>Datasets:ServerImportRoots: when set, manifests may name only files inside these folders.</summary>
    public IReadOnlyList<string> ImportRoots { get; }

    public PathConfinement ImportConfinement => PathConfinement.WithinOrAnywhere(ImportRoots.ToList());

    /// <summary>The wav2vec 2.0 checkpoint and options (section "Wav2Vec2"); the view needs ModelPath.</summary>
    public Wav2Vec2ViewOptions Wav2Vec2 { get; }

    public StorageOptions Storage { get; }
    public string DataFolder => Storage.DataFolderFullPath;
    public string FeatureCachePath => Storage.FeatureCacheFullPath;

    public static CliSettings Load() => new(StandaloneStore.LoadConfiguration());

    public async Task<CorpusRepository> CorporaAsync(CancellationToken ct)
    {
        _store ??= await StandaloneStore.OpenAsync(_configuration, cancellationToken: ct);
        return _store.GetRequiredService<CorpusRepository>();
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
    }
}
