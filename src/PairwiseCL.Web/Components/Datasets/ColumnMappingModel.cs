using PairwiseCL.Web.Datasets;

namespace PairwiseCL.Web.Components.Datasets;

/// <summary>The editable form behind <see cref="CsvColumnMapping"/>.</summary>
public sealed class ColumnMappingModel
{
    private static readonly CsvColumnMapping Defaults = new();

    public string File { get; set; } = Defaults.File;

    public string Speaker { get; set; } = Defaults.Speaker;

    public string Session { get; set; } = Defaults.Session;

    public string? Label { get; set; } = Defaults.Label;

    public string Transcript { get; set; } = Defaults.Transcript;

    public string? ManifestFile { get; set; }

    public CsvColumnMapping ToMapping() => new(
        File.Trim(), Speaker.Trim(), Session.Trim(),
        string.IsNullOrWhiteSpace(Label) ? null : Label.Trim(),
        Transcript.Trim(),
        string.IsNullOrWhiteSpace(ManifestFile) ? null : ManifestFile.Trim());
}
