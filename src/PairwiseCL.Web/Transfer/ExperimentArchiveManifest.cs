namespace PairwiseCL.Web.Transfer;

/// <summary>
/// experiment.json at the root of an exported experiment: what the experiment was, and every report file
/// in the archive with its SHA-256, so an importing portal can check the files arrived as exported.
/// </summary>
public sealed record ExperimentArchiveManifest(
    string Format,
    string Name,
    string CorpusName,
    string ConfigurationJson,
    DateTime ExportedAtUtc,
    IReadOnlyList<ArchivedFile> Files)
{
    public const string FileName = "experiment.json";

    public const string CurrentFormat = "pairwisecl-experiment/1";

    /// <summary>Report files sit under this folder in the archive, with their paths in the report folder.</summary>
    public const string ReportFolder = "report/";
}

/// <summary>One report file of an exported experiment (path relative to the report folder).</summary>
public sealed record ArchivedFile(string Path, string Sha256, long SizeBytes);
