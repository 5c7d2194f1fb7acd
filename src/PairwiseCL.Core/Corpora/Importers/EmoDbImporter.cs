using System.Text.RegularExpressions;
using PairwiseCL.Core.Audio;

namespace PairwiseCL.Core.Corpora.Importers;

/// <summary>
/// Imports the Berlin Database of Emotional Speech from its file names, e.g. <c>03a01Fa.wav</c>:
/// speaker 03 (also the session: each speaker was recorded separately), text a01, emotion letter F
/// (German initials: W Ärger/anger, L Langeweile/boredom, E Ekel/disgust, A Angst/fear, F Freude/happiness,
/// T Trauer/sadness, N neutral), version a. All <c>*.wav</c> files under the folder are considered.
/// </summary>
public sealed partial class EmoDbImporter(string folder, IAudioDecoder? decoder = null) : ICorpusImporter
{
    private static readonly Dictionary<char, string> Emotions = new()
    {
        ['W'] = "anger", ['L'] = "boredom", ['E'] = "disgust", ['A'] = "fear",
        ['F'] = "happiness", ['T'] = "sadness", ['N'] = "neutral",
    };

    // The ten actors as documented with the database (five female, five male).
    private static readonly Dictionary<string, string> Genders = new()
    {
        ["03"] = "m", ["08"] = "f", ["09"] = "f", ["10"] = "m", ["11"] = "m",
        ["12"] = "m", ["13"] = "f", ["14"] = "f", ["15"] = "m", ["16"] = "f",
    };

    public static LabelSet EmoDb7 { get; } = new("EmoDB-7", ["anger", "boredom", "disgust", "fear", "happiness", "sadness", "neutral"]);

    public string Folder { get; } = folder;

    public ImportResult Import(IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        if (!Directory.Exists(Folder)) throw new DirectoryNotFoundException($"The EmoDB folder {Folder} does not exist.");
        var collector = new UtteranceCollector(Folder, decoder);
        foreach (var file in SourceFiles.Under(Folder, "*.wav"))
        {
            ct.ThrowIfCancellationRequested();
            var id = Path.GetFileNameWithoutExtension(file);
            var match = FileName().Match(id);
            if (!match.Success) { collector.Problem(file, "does not follow EmoDB naming (speaker, text, emotion letter, version: 03a01Fa.wav)"); continue; }
            var speaker = match.Groups["speaker"].Value;
            var metadata = new Dictionary<string, string> { ["text"] = match.Groups["text"].Value, ["version"] = match.Groups["version"].Value };
            if (Genders.TryGetValue(speaker, out var gender)) metadata["gender"] = gender;
            var label = Emotions[match.Groups["emotion"].Value[0]];
            collector.Add(new Utterance(id, file, 0, speaker, speaker, label, Metadata: metadata), file);
        }
        return collector.Build("EmoDB", [EmoDb7], progress, ct);
    }

    [GeneratedRegex("^(?<speaker>\\d\\d)(?<text>[ab]\\d\\d)(?<emotion>[WLEAFTN])(?<version>[a-z])$")]
    private static partial Regex FileName();
}
