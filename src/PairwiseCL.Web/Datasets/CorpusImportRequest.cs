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
    int SyntheticClipsPerSpeakerAndEmotion = 3);
