namespace PairwiseCL.Store;

/// <summary>
/// Where the lab's files and the SQLite store live (section "Storage" of the top-level appsettings.json).
/// Relative paths resolve against the current working directory. `dotnet run --project src/PairwiseCL.Web`
/// always starts in the repository root (RunWorkingDirectory), so the portal and a CLI run from the
/// repository root share one data folder and one database file; services and containers should set
/// absolute paths (e.g. Storage__DatabasePath=/data/pairwisecl.db).
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Root of audio, features, checkpoints and reports.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>The SQLite file; relative paths resolve against the current directory, not the data folder.</summary>
    public string DatabasePath { get; set; } = "data/pairwisecl.db";

    /// <summary>Feature cache folder (keyed by view configuration hash and audio content hash).</summary>
    public string FeatureCachePath { get; set; } = "data/features";

    public string DataFolderFullPath => Path.GetFullPath(DataFolder);

    public string DatabaseFullPath => Path.GetFullPath(DatabasePath);

    public string FeatureCacheFullPath => Path.GetFullPath(FeatureCachePath);

    /// <summary>Connection string for <see cref="DatabaseFullPath"/>; the folder is created on first use.</summary>
    public string ConnectionString => $"Data Source={DatabaseFullPath};Foreign Keys=True";
}
