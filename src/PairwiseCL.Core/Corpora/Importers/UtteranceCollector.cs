using System.Collections.Concurrent;
using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Files;

namespace PairwiseCL.Core.Corpora.Importers;

/// <summary>
/// The part every importer shares: collects candidate utterances, checks that each file is audio and
/// measures its duration (WAV from the header alone, other formats by decoding), drops duplicates, and
/// assembles the corpus with the problems found.
/// </summary>
internal sealed class UtteranceCollector(string audioRoot, IAudioDecoder? decoder)
{
    private readonly IAudioDecoder _decoder = decoder ?? AudioDecoder.Default;
    private readonly string _audioRoot = Path.GetFullPath(audioRoot);
    private readonly List<(Utterance Draft, string FullPath)> _candidates = [];
    private readonly List<ImportProblem> _problems = [];

    /// <summary>Adds an utterance whose duration is still to be measured from <paramref name="fullPath"/>.</summary>
    /// <remarks>A file without an audio extension is refused unopened: the portal serves corpus files to browsers.</remarks>
    public void Add(Utterance draft, string fullPath)
    {
        if (ProtectedFiles.IsProtected(fullPath))
        {
            Problem(fullPath, ProtectedFiles.NotAudioProblem);
            return;
        }
        if (!AudioFormats.HasAudioExtension(fullPath))
        {
            Problem(fullPath, $"has the extension '{Path.GetExtension(fullPath)}', not an audio one ({string.Join(" ", AudioFormats.Extensions.Order(StringComparer.Ordinal))}); it was not imported");
            return;
        }
        _candidates.Add((draft with { AudioPath = RelativeToRoot(fullPath) }, fullPath));
    }

    public void Problem(string path, string message) => _problems.Add(new ImportProblem(path, message));

    public ImportResult Build(string corpusName, IReadOnlyList<LabelSet> labelSets, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var measured = new Utterance?[_candidates.Count];
        var failures = new ConcurrentBag<(int Index, ImportProblem Problem)>();
        var done = 0;
        // Header reads are cheap, but decoding non-WAV files through ffmpeg is not: use every core.
        Parallel.For(0, _candidates.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (draft, fullPath) = _candidates[i];
            try
            {
                var duration = MeasureSeconds(fullPath, ct);
                if (duration <= 0) failures.Add((i, new ImportProblem(fullPath, "holds no audio samples")));
                else measured[i] = draft with { DurationSeconds = duration };
            }
            catch (AudioFormatException ex)
            {
                failures.Add((i, new ImportProblem(fullPath, ex.Problem)));
            }
            progress?.Report(new ImportProgress(Interlocked.Increment(ref done), _candidates.Count, fullPath));
        });

        var problems = _problems.Concat(failures.OrderBy(f => f.Index).Select(f => f.Problem)).ToList();
        var utterances = new List<Utterance>(measured.Length);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var utterance in measured.OfType<Utterance>())
        {
            if (ids.Add(utterance.Id)) utterances.Add(utterance);
            else problems.Add(new ImportProblem(utterance.AudioPath, $"repeats the utterance id '{utterance.Id}'; only its first occurrence is kept"));
        }
        return new ImportResult(new Corpus(corpusName, _audioRoot, utterances, labelSets), problems);
    }

    private double MeasureSeconds(string fullPath, CancellationToken ct)
    {
        if (!File.Exists(fullPath)) throw new AudioFormatException(fullPath, "does not exist");
        if (!WavReader.IsWavFile(fullPath)) return _decoder.Decode(fullPath, ct).DurationSeconds;
        try
        {
            var info = WavReader.ReadInfo(fullPath);
            // Float samples are read in full: one NaN or infinity would poison features, training and results.
            return info.IsFloat ? WavReader.Read(fullPath).DurationSeconds : info.DurationSeconds;
        }
        catch (AudioFormatException error) when (AudioDecoder.IsUnsupportedEncoding(error))
        {
            return _decoder.Decode(fullPath, ct).DurationSeconds; // mu-law, ADPCM, ...: the decoder may manage through ffmpeg
        }
    }

    /// <summary>Paths under the audio root are stored relative to it, so the corpus survives a move.</summary>
    private string RelativeToRoot(string fullPath)
    {
        var relative = Path.GetRelativePath(_audioRoot, Path.GetFullPath(fullPath));
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.GetFullPath(fullPath) : relative;
    }
}
