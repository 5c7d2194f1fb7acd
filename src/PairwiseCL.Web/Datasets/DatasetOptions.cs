namespace PairwiseCL.Web.Datasets;

/// <summary>
/// Limits and places for adding corpora (section "Datasets" of the top-level appsettings.json). An
/// uploaded archive is refused before anything is extracted when it breaks any of these limits.
/// </summary>
public sealed record DatasetOptions
{
    public const string SectionName = "Datasets";

    /// <summary>The largest zip a browser may upload, in bytes.</summary>
    public long MaxUploadBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>The most bytes an archive may unpack to.</summary>
    public long MaxExtractedBytes { get; init; } = 8L * 1024 * 1024 * 1024;

    /// <summary>The most entries (files and folders) an archive may hold.</summary>
    public int MaxEntries { get; init; } = 50_000;

    /// <summary>
    /// The highest uncompressed/compressed size ratio of one entry, and of the archive as a whole (WAV
    /// rarely compresses beyond 3).
    /// </summary>
    public double MaxCompressionRatio { get; init; } = 100;

    /// <summary>Entries (and archives) smaller than this are not held to <see cref="MaxCompressionRatio"/> (tiny files compress oddly).</summary>
    public long CompressionRatioFloorBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Server folders that "import from a server folder" may read (absolute paths); empty allows any
    /// folder the portal's account can read.
    /// </summary>
    public IReadOnlyList<string> ServerImportRoots { get; init; } = [];

    /// <summary>Folders, under the storage data folder, for uploads in flight and for imported audio.</summary>
    public string UploadsFolder { get; init; } = "uploads";

    public string CorporaFolder { get; init; } = "corpora";
}
