namespace PairwiseCL.Web.Datasets;

/// <summary>
/// Which columns of a labels CSV hold what, as chosen in the upload form. <see cref="Label"/> empty
/// means an unlabelled corpus; <see cref="ManifestFile"/> names the CSV inside an archive when it holds
/// more than one.
/// </summary>
public sealed record CsvColumnMapping(
    string File = "file",
    string Speaker = "speaker",
    string Session = "session",
    string? Label = "label",
    string Transcript = "transcript",
    string? ManifestFile = null);
