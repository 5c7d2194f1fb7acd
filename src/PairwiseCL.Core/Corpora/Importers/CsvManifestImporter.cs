using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Files;

namespace PairwiseCL.Core.Corpora.Importers;

/// <summary>
/// Imports a corpus described by a CSV manifest (RFC 4180 quoting; ',', ';' or tab detected from the
/// header). Rows whose file is missing or not audio are reported as problems. The corpus offers one
/// label set, named after it, holding the distinct labels in ordinal order.
/// </summary>
public sealed class CsvManifestImporter(CsvManifestOptions options, IAudioDecoder? decoder = null) : ICorpusImporter
{
    public CsvManifestOptions Options { get; } = options;

    public ImportResult Import(IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var manifest = Path.GetFullPath(Options.ManifestPath);
        if (!File.Exists(manifest)) throw new FileNotFoundException($"The manifest {manifest} does not exist.", manifest);
        var manifestFolder = Path.GetDirectoryName(manifest)!;
        var audioRoot = Path.GetFullPath(Options.AudioRoot ?? manifestFolder);
        if (!Directory.Exists(audioRoot)) throw new DirectoryNotFoundException($"The audio root {audioRoot} does not exist.");

        var rows = ReadRows(manifest, ct);
        var collector = new UtteranceCollector(audioRoot, decoder);
        var drafts = new List<(Utterance Draft, string FullPath)>();
        foreach (var row in rows)
        {
            var where = $"{manifest} (row {row.Number})";
            var file = row.Get(Options.FileColumn);
            var speaker = row.Get(Options.SpeakerColumn);
            var session = row.Get(Options.SessionColumn);
            if (file.Length == 0) { collector.Problem(where, $"has an empty '{Options.FileColumn}' cell"); continue; }
            if (speaker.Length == 0) { collector.Problem(where, $"has an empty '{Options.SpeakerColumn}' cell"); continue; }
            if (session.Length == 0) { collector.Problem(where, $"has an empty '{Options.SessionColumn}' cell"); continue; }
            if (Resolve(file, audioRoot, manifestFolder) is not { } fullPath)
            {
                // The same words whether or not such a file exists: the import log must not be an existence oracle.
                collector.Problem(where, $"names '{file}', which is outside the folders this import may read; it was not opened");
                continue;
            }
            var label = Options.LabelColumn is null ? null : NullIfEmpty(row.Get(Options.LabelColumn));
            var transcript = row.Has(Options.TranscriptColumn) ? NullIfEmpty(row.Get(Options.TranscriptColumn)) : null;
            var id = Options.IdColumn is null ? "" : row.Get(Options.IdColumn);
            var draft = new Utterance(id, file, 0, speaker, session, label, transcript, row.Metadata(UsedColumns()));
            drafts.Add((draft, fullPath));
        }

        foreach (var (draft, fullPath) in WithIds(drafts, audioRoot)) collector.Add(draft, fullPath);
        var name = Options.CorpusName ?? new DirectoryInfo(manifestFolder).Name;
        var result = collector.Build(name, [], progress, ct);
        var labels = result.Corpus.Utterances.Select(u => u.Label).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var labelSets = labels.Count == 0 ? Array.Empty<LabelSet>() : [new LabelSet(name, labels)];
        return result with { Corpus = result.Corpus with { LabelSets = labelSets } };
    }

    private IEnumerable<string> UsedColumns() =>
        new[] { Options.FileColumn, Options.SpeakerColumn, Options.SessionColumn, Options.LabelColumn, Options.TranscriptColumn, Options.IdColumn }.OfType<string>();

    /// <summary>The file under the audio root, else beside the manifest; only places the confinement allows are looked at (null: none is).</summary>
    private string? Resolve(string file, string audioRoot, string manifestFolder)
    {
        var confinement = Options.Confinement ?? PathConfinement.Anywhere;
        var allowed = new[] { Path.GetFullPath(file, audioRoot), Path.GetFullPath(file, manifestFolder) }.Where(confinement.Allows).ToList();
        return allowed.Count == 0 ? null : allowed.FirstOrDefault(File.Exists) ?? allowed[0];
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>Ids are file names without extension unless those repeat; then relative paths are used.</summary>
    private IEnumerable<(Utterance, string)> WithIds(List<(Utterance Draft, string FullPath)> drafts, string audioRoot)
    {
        if (Options.IdColumn is not null) return drafts;
        var stems = drafts.Select(d => Path.GetFileNameWithoutExtension(d.FullPath)).ToList();
        var stemsUnique = stems.Distinct(StringComparer.Ordinal).Count() == stems.Count;
        return drafts.Select((d, i) => (d.Draft with
        {
            Id = stemsUnique ? stems[i] : Path.ChangeExtension(Path.GetRelativePath(audioRoot, d.FullPath), null).Replace('\\', '/'),
        }, d.FullPath));
    }

    private List<ManifestRow> ReadRows(string manifest, CancellationToken ct)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
        };
        using var reader = new StreamReader(ProtectedFiles.OpenRead(manifest), detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, configuration);
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
                throw new InvalidDataException($"The manifest {manifest} is empty; it needs a header row with the columns {string.Join(", ", RequiredColumns())}.");
            var columns = ColumnIndex(header, manifest);
            var rows = new List<ManifestRow>();
            while (csv.Read())
            {
                ct.ThrowIfCancellationRequested();
                var cells = Enumerable.Range(0, header.Length).Select(i => csv.TryGetField<string>(i, out var v) ? v ?? "" : "").ToArray();
                rows.Add(new ManifestRow(csv.Parser.Row, header, cells, columns));
            }
            return rows;
        }
        catch (CsvHelperException ex)
        {
            throw new InvalidDataException($"The manifest {manifest} is not valid CSV near row {ex.Context?.Parser?.Row}: {ex.Message}", ex);
        }
    }

    private IEnumerable<string> RequiredColumns() =>
        new[] { Options.FileColumn, Options.SpeakerColumn, Options.SessionColumn, Options.LabelColumn, Options.IdColumn }.OfType<string>().Distinct();

    private Dictionary<string, int> ColumnIndex(string[] header, string manifest)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++) index.TryAdd(header[i], i);
        var missing = RequiredColumns().Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException(
                $"The manifest {manifest} lacks the column(s) {string.Join(", ", missing.Select(c => $"'{c}'"))}; " +
                $"its columns are: {string.Join(", ", header)}. Rename the expected columns in the import options.");
        return index;
    }

    private sealed record ManifestRow(int Number, string[] Header, string[] Cells, Dictionary<string, int> Columns)
    {
        public bool Has(string column) => Columns.ContainsKey(column);

        public string Get(string column) => Cells[Columns[column]];

        public IReadOnlyDictionary<string, string>? Metadata(IEnumerable<string> used)
        {
            var usedSet = new HashSet<string>(used, StringComparer.OrdinalIgnoreCase);
            var extra = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < Header.Length; i++)
                if (!usedSet.Contains(Header[i])) extra.TryAdd(Header[i], Cells[i]);
            return extra.Count == 0 ? null : extra;
        }
    }
}
