using PairwiseCL.Core.Files;

namespace PairwiseCL.Core.Corpora.Importers;

/// <summary>
/// Where a CSV-manifest corpus lives and which columns hold what. File paths in the manifest are
/// relative to <see cref="AudioRoot"/> (default: the manifest's folder); a path not found there is tried
/// relative to the manifest's folder, since manifests often list paths relative to themselves.
/// <see cref="FileColumn"/>, <see cref="SpeakerColumn"/> and <see cref="SessionColumn"/> are required,
/// as is <see cref="LabelColumn"/> unless it is null (an unlabelled corpus); the transcript column is
/// used when present. Columns may be shared (EmoDB: session column "speaker"). Every other column is
/// kept in <see cref="Utterance.Metadata"/>. The id is <see cref="IdColumn"/>'s value, else the file
/// name without extension (or the relative path without extension when file names repeat).
/// <see cref="Confinement"/> (default: anywhere) lists the folders every named file must resolve inside
/// (the extracted archive, the configured import roots); a row naming anything else is refused unopened.
/// </summary>
public sealed record CsvManifestOptions(
    string ManifestPath,
    string? AudioRoot = null,
    string FileColumn = "file",
    string SpeakerColumn = "speaker",
    string SessionColumn = "session",
    string? LabelColumn = "label",
    string TranscriptColumn = "transcript",
    string? IdColumn = null,
    string? CorpusName = null,
    PathConfinement? Confinement = null);
