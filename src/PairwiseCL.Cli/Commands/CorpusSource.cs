using System.CommandLine;
using PairwiseCL.Core.Corpora.Importers;
using PairwiseCL.Core.Files;

namespace PairwiseCL.Cli.Commands;

/// <summary>
/// The options that name a corpus on disk, shared by import, extract and reproduce: a CSV manifest with
/// an audio root and renamable columns, the IEMOCAP release layout, an EmoDB folder, or one folder per label.
/// </summary>
internal sealed class CorpusSource
{
    public Option<FileInfo?> Manifest { get; } = new("--manifest") { Description = "CSV manifest with one row per utterance." };
    public Option<DirectoryInfo?> AudioRoot { get; } = new("--audio-root") { Description = "Folder the manifest's file paths are relative to (default: the manifest's folder)." };
    public Option<string> FileColumn { get; } = new("--file-column") { Description = "Manifest column holding the audio path.", DefaultValueFactory = _ => "file" };
    public Option<string> SpeakerColumn { get; } = new("--speaker-column") { Description = "Manifest column holding the speaker.", DefaultValueFactory = _ => "speaker" };
    public Option<string> SessionColumn { get; } = new("--session-column") { Description = "Manifest column holding the session (folds leave one session out).", DefaultValueFactory = _ => "session" };
    public Option<string> LabelColumn { get; } = new("--label-column") { Description = "Manifest column holding the emotion label.", DefaultValueFactory = _ => "label" };
    public Option<DirectoryInfo?> Iemocap { get; } = new("--iemocap") { Description = "Root of an IEMOCAP release (Session1..Session5)." };
    public Option<DirectoryInfo?> EmoDb { get; } = new("--emodb") { Description = "Folder of EmoDB-named WAV files (e.g. 03a01Fa.wav)." };
    public Option<DirectoryInfo?> Folders { get; } = new("--folders") { Description = "Root with one sub-folder of audio per label." };
    public Option<string?> Name { get; } = new("--name") { Description = "Name for the corpus (default: derived from the source)." };
    public Option<string?> StoredName { get; } = new("--corpus") { Description = "A corpus already imported into the store, by name." };

    public void AddTo(Command command, bool includeStored = true)
    {
        if (includeStored) command.Options.Add(StoredName);
        foreach (var option in new Option[] { Manifest, AudioRoot, FileColumn, SpeakerColumn, SessionColumn, LabelColumn, Iemocap, EmoDb, Folders, Name })
            command.Options.Add(option);
    }

    public bool IsGiven(ParseResult parse) =>
        parse.GetValue(Manifest) is not null || parse.GetValue(Iemocap) is not null || parse.GetValue(EmoDb) is not null || parse.GetValue(Folders) is not null;

    /// <summary>Imports the corpus the options describe, renamed to --name when given; a manifest may name only files <paramref name="confinement"/> allows.</summary>
    public ImportResult Import(ParseResult parse, PathConfinement confinement, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var result = CreateImporter(parse, confinement).Import(progress, ct);
        return parse.GetValue(Name) is { Length: > 0 } name ? result with { Corpus = result.Corpus with { Name = name } } : result;
    }

    /// <summary>The importer the options describe; exactly one source must be given.</summary>
    private ICorpusImporter CreateImporter(ParseResult parse, PathConfinement confinement)
    {
        var manifest = parse.GetValue(Manifest);
        var iemocap = parse.GetValue(Iemocap);
        var emodb = parse.GetValue(EmoDb);
        var folders = parse.GetValue(Folders);
        var given = new object?[] { manifest, iemocap, emodb, folders }.Count(o => o is not null);
        if (given != 1)
            throw new CliUsageException("Name exactly one corpus source: --manifest <csv> [--audio-root <folder>], --iemocap <root>, --emodb <folder> or --folders <root>.");
        var name = parse.GetValue(Name);
        if (manifest is not null)
            return new CsvManifestImporter(new CsvManifestOptions(manifest.FullName, parse.GetValue(AudioRoot)?.FullName,
                parse.GetValue(FileColumn)!, parse.GetValue(SpeakerColumn)!, parse.GetValue(SessionColumn)!, parse.GetValue(LabelColumn),
                CorpusName: name, Confinement: confinement));
        if (iemocap is not null) return new IemocapImporter(iemocap.FullName);
        if (emodb is not null) return new EmoDbImporter(emodb.FullName);
        return new FolderPerLabelImporter(folders!.FullName);
    }
}
