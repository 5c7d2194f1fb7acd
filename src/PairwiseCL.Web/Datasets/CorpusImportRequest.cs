namespace PairwiseCL.Web.Datasets;

/// <summary>
/// The input of one <see cref="CorpusImportJob"/>: what to import, under which name, into which
/// workspace. <see cref="Path"/> is the upload folder (archives), the manifest file (manifests) or the
/// server folder (the other importers); synthetic corpora use <see cref="SyntheticSeed"/> and
/// <see cref="SyntheticClipsPerSpeakerAndEmotion"/>.
/// </summary>
public sealed record CorpusImportRequest(
    CorpusSourceKind Source,
    string CorpusName,
    int WorkspaceId,
    string? Path = null,
    CsvColumnMapping? Columns = null,
    int SyntheticSeed = 1,
    int SyntheticClipsPerSpeakerAndEmotion = 3)
{
    /// <summary>The upload folder an archive import's payload names (full path), or null for any other payload.</summary>
    public static string? UploadFolderOf(string payloadJson)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<CorpusImportRequest>(payloadJson) is { Source: CorpusSourceKind.Archive, Path: { } path }
                ? System.IO.Path.GetFullPath(path)
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
