using System.Globalization;
using System.Text.RegularExpressions;
using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Files;

namespace PairwiseCL.Core.Corpora.Importers;

/// <summary>
/// Imports the IEMOCAP release layout: audio in <c>Session{n}/sentences/wav/&lt;dialog&gt;/&lt;utterance&gt;.wav</c>,
/// categorical labels from <c>Session{n}/dialog/EmoEvaluation/&lt;dialog&gt;.txt</c> (the consensus label of
/// each utterance's summary line), transcripts from <c>Session{n}/dialog/transcriptions/&lt;dialog&gt;.txt</c>.
/// Session = n; speaker = session plus the gender letter that starts the utterance's last id part
/// (<c>Ses01F_impro01_M000</c> is spoken by Ses01M). Every wav is imported (the unlabelled pool for
/// pre-training); label sets <see cref="Iemocap10"/> and <see cref="Iemocap4"/> select the labelled tasks.
/// </summary>
public sealed partial class IemocapImporter(string root, IAudioDecoder? decoder = null) : ICorpusImporter
{
    /// <summary>The ten categories of the release; "xxx" (no majority) is outside every label set.</summary>
    public static LabelSet Iemocap10 { get; } = new("IEMOCAP-10", ["neu", "ang", "sad", "hap", "exc", "fru", "sur", "fea", "dis", "oth"]);

    /// <summary>The usual four-class task: excited merged into happy, dialogue Ses05M_script01_1 left out.</summary>
    public static LabelSet Iemocap4 { get; } = new("IEMOCAP-4", ["neu", "ang", "sad", "hap"],
        new Dictionary<string, string> { ["exc"] = "hap" },
        // The trailing underscore keeps the exclusion to exactly that dialogue's utterances.
        ["Ses05M_script01_1_"]);

    public string Root { get; } = root;

    public ImportResult Import(IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        if (!Directory.Exists(Root)) throw new DirectoryNotFoundException($"The IEMOCAP folder {Root} does not exist.");
        var sessions = Directory.EnumerateDirectories(Root)
            .Select(dir => (Dir: dir, Match: SessionFolder().Match(Path.GetFileName(dir))))
            .Where(s => s.Match.Success)
            .OrderBy(s => int.Parse(s.Match.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToList();
        if (sessions.Count == 0)
            throw new InvalidDataException($"{Root} holds no Session1..Session5 folders; point the importer at the IEMOCAP release root.");

        var collector = new UtteranceCollector(Root, decoder);
        foreach (var (dir, match) in sessions)
        {
            ct.ThrowIfCancellationRequested();
            var session = match.Groups[1].Value;
            var evaluations = ReadEvaluations(Path.Combine(dir, "dialog", "EmoEvaluation"), collector);
            var transcripts = ReadTranscripts(Path.Combine(dir, "dialog", "transcriptions"));
            var wavRoot = Path.Combine(dir, "sentences", "wav");
            if (!Directory.Exists(wavRoot)) { collector.Problem(wavRoot, "is missing: no audio imported for this session"); continue; }
            foreach (var file in SourceFiles.Under(wavRoot, "*.wav"))
            {
                var id = Path.GetFileNameWithoutExtension(file);
                var speaker = SpeakerOf(id);
                if (speaker is null) { collector.Problem(file, "does not follow IEMOCAP naming (SesNNX_<dialog>_XNNN)"); continue; }
                evaluations.TryGetValue(id, out var evaluation);
                transcripts.TryGetValue(id, out var transcript);
                var metadata = new Dictionary<string, string> { ["dialog"] = Path.GetFileName(Path.GetDirectoryName(file)!) };
                if (evaluation is not null)
                {
                    metadata["start"] = evaluation.Start;
                    metadata["end"] = evaluation.End;
                    metadata["valence"] = evaluation.Valence;
                    metadata["activation"] = evaluation.Activation;
                    metadata["dominance"] = evaluation.Dominance;
                }
                collector.Add(new Utterance(id, file, 0, speaker, session, evaluation?.Label, transcript, metadata), file);
            }
        }
        return collector.Build("IEMOCAP", [Iemocap10, Iemocap4], progress, ct);
    }

    /// <summary>"Ses01F_impro01_M000" -> "Ses01M"; null when the id is not IEMOCAP-shaped.</summary>
    internal static string? SpeakerOf(string utteranceId)
    {
        var match = UtteranceId().Match(utteranceId);
        return match.Success ? match.Groups[1].Value + match.Groups[2].Value : null;
    }

    private sealed record Evaluation(string Label, string Start, string End, string Valence, string Activation, string Dominance);

    private static Dictionary<string, Evaluation> ReadEvaluations(string folder, UtteranceCollector collector)
    {
        var evaluations = new Dictionary<string, Evaluation>(StringComparer.Ordinal);
        if (!Directory.Exists(folder)) { collector.Problem(folder, "is missing: this session's utterances are imported without labels"); return evaluations; }
        foreach (var file in SourceFiles.Under(folder, "*.txt", recursive: false))
            foreach (var line in ReadLines(file))
            {
                // Only the summary lines: "[start - end]<TAB>id<TAB>label<TAB>[v, a, d]"; the rest are annotator votes.
                var match = EvaluationLine().Match(line);
                if (match.Success)
                    evaluations[match.Groups["id"].Value] = new Evaluation(match.Groups["label"].Value, match.Groups["start"].Value,
                        match.Groups["end"].Value, match.Groups["v"].Value, match.Groups["a"].Value, match.Groups["d"].Value);
            }
        return evaluations;
    }

    private static Dictionary<string, string> ReadTranscripts(string folder)
    {
        var transcripts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder)) return transcripts;
        foreach (var file in SourceFiles.Under(folder, "*.txt", recursive: false))
            foreach (var line in ReadLines(file))
            {
                var match = TranscriptLine().Match(line);
                if (match.Success) transcripts[match.Groups[1].Value] = match.Groups[2].Value.Trim();
            }
        return transcripts;
    }

    private static IEnumerable<string> ReadLines(string file)
    {
        using var reader = new StreamReader(ProtectedFiles.OpenRead(file));
        while (reader.ReadLine() is { } line) yield return line;
    }

    [GeneratedRegex(@"^Session(\d+)$")]
    private static partial Regex SessionFolder();

    [GeneratedRegex(@"^(Ses\d\d)[FM]_.+_([FM])[A-Za-z]*\d+\w*$")]
    private static partial Regex UtteranceId();

    [GeneratedRegex(@"^\[(?<start>[\d.]+)\s*-\s*(?<end>[\d.]+)\]\t(?<id>\S+)\t(?<label>\S+)\t\[(?<v>[\d.]+),\s*(?<a>[\d.]+),\s*(?<d>[\d.]+)\]")]
    private static partial Regex EvaluationLine();

    [GeneratedRegex(@"^(Ses\S+) \[[^\]]*\]:\s*(.*)$")]
    private static partial Regex TranscriptLine();
}
