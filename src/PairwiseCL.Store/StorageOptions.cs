namespace PairwiseCL.Store;

/// <summary>
/// Where the lab's files and the store live (section "Storage" of the top-level appsettings.json).
/// Relative paths resolve against the current working directory. `dotnet run --project src/PairwiseCL.Web`
/// always starts in the repository root (RunWorkingDirectory), so the portal and a CLI run from the
/// repository root share one data folder and one database file; services and containers should set
/// absolute paths (e.g. Storage__DatabasePath=/data/pairwisecl.db).
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><see cref="StoreProviders.Sqlite"/> (the default: one file, one host) or <see cref="StoreProviders.Postgres"/> (several hosts).</summary>
    public string Provider { get; set; } = StoreProviders.Sqlite;

    /// <summary>The PostgreSQL connection string (Npgsql syntax) when <see cref="Provider"/> is postgres; unused for SQLite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Root of audio, features, checkpoints and reports.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>The SQLite file; relative paths resolve against the current directory, not the data folder.</summary>
    public string DatabasePath { get; set; } = "data/pairwisecl.db";

    /// <summary>Feature cache folder (keyed by view configuration hash and audio content hash).</summary>
    public string FeatureCachePath { get; set; } = "data/features";

    /// <summary>
    /// Refuse to start unless the data folder carries the store's identity (<see cref="DataFolderIdentity"/>), instead of
    /// giving a new store this folder's. Worker hosts set it: a worker must never run on a folder the portal does not see.
    /// </summary>
    public bool VerifyDataFolder { get; set; }

    public string DataFolderFullPath => Path.GetFullPath(DataFolder);

    public string DatabaseFullPath => Path.GetFullPath(DatabasePath);

    public string FeatureCacheFullPath => Path.GetFullPath(FeatureCachePath);

    /// <summary>The provider name in lower case, trimmed, so "Postgres" and "postgres " both select PostgreSQL.</summary>
    public string NormalizedProvider => (Provider ?? "").Trim().ToLowerInvariant();

    public bool IsPostgres => NormalizedProvider == StoreProviders.Postgres;

    /// <summary>
    /// Connection string for <see cref="DatabaseFullPath"/>; the folder is created on first use. Not pooled: a pooled
    /// connection goes back to the pool by un-registering the functions and collation EF Core registers on it, which
    /// SQLite refuses while a statement that the GC collected but has not yet finalized is still active on it
    /// ("unable to delete/modify collation sequence due to active statements", dotnet/efcore#36591). Under load that
    /// failed a page request now and then (seen as a 500 in a browser test). Opening a file per context costs about
    /// 0.5 ms more per query (README, Performance).
    /// </summary>
    public string SqliteConnectionString => new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
    {
        DataSource = DatabaseFullPath,
        ForeignKeys = true,
        Pooling = false,
    }.ToString();

    /// <summary>Where the store is, for logs and errors: the SQLite file, or the PostgreSQL host and database (never the password).</summary>
    public string Describe()
    {
        if (!IsPostgres) return DatabaseFullPath;
        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
            return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException)
        {
            return "PostgreSQL (unreadable connection string)";
        }
    }
}
