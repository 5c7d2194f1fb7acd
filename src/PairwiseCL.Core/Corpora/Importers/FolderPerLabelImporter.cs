using PairwiseCL.Core.Audio;

namespace PairwiseCL.Core.Corpora.Importers;

/// <summary>
/// Imports <c>root/&lt;label&gt;/&lt;file&gt;</c>: every sub-folder is a label, every file in it (at any depth;
/// hidden files skipped) an utterance. The layout says nothing about speakers or sessions, so both are
/// <see cref="UnknownSpeaker"/>; use a CSV manifest when leave-one-session-out folds are needed.
/// </summary>
public sealed class FolderPerLabelImporter(string root, IAudioDecoder? decoder = null) : ICorpusImporter
{
    public const string UnknownSpeaker = "unknown";

    public string Root { get; } = root;

    public ImportResult Import(IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        if (!Directory.Exists(Root)) throw new DirectoryNotFoundException($"The folder {Root} does not exist.");
        var collector = new UtteranceCollector(Root, decoder);
        var labels = Directory.EnumerateDirectories(Root).Where(d => !IsHidden(d)).Order(StringComparer.Ordinal).ToList();
        if (labels.Count == 0) throw new InvalidDataException($"{Root} has no sub-folders; expected one folder per label holding its audio files.");
        foreach (var labelFolder in labels)
        {
            var label = Path.GetFileName(labelFolder);
            foreach (var file in SourceFiles.Under(labelFolder, "*"))
            {
                ct.ThrowIfCancellationRequested();
                var id = Path.ChangeExtension(Path.GetRelativePath(Root, file), null).Replace('\\', '/');
                collector.Add(new Utterance(id, file, 0, UnknownSpeaker, UnknownSpeaker, label), file);
            }
        }
        var name = new DirectoryInfo(Root).Name;
        return collector.Build(name, [new LabelSet(name, labels.Select(Path.GetFileName).OfType<string>().ToList())], progress, ct);
    }

    private static bool IsHidden(string path) => Path.GetFileName(path).StartsWith('.');
}
