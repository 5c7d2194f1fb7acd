using System.Globalization;
using System.Text;
using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Corpora.Importers;

namespace PairwiseCL.Core.Corpora.Synthetic;

/// <summary>
/// Writes a synthetic emotional-speech corpus (no external tools): <c>wav/&lt;id&gt;.wav</c> (16-bit mono)
/// and a <c>labels.csv</c> manifest (file, speaker, session, label, gender) that
/// <see cref="CsvManifestImporter"/> reads with its default columns. Speakers and clips draw from
/// separate seeded generators, so a clip depends only on the seed and its position, and clips are
/// synthesised in parallel without losing determinism.
/// </summary>
public sealed class SyntheticCorpusGenerator
{
    public const string ManifestFileName = "labels.csv";

    public Corpus Generate(string folder, SyntheticCorpusOptions? options = null, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        options ??= new SyntheticCorpusOptions();
        options.Validate();
        var root = Path.GetFullPath(folder);
        Directory.CreateDirectory(Path.Combine(root, "wav"));

        var clips = PlanClips(options);
        var synthesizer = new SourceFilterSynthesizer(options.SampleRate);
        var utterances = new Utterance[clips.Count];
        var done = 0;
        Parallel.For(0, clips.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (id, speaker, emotion) = clips[i];
            var random = new Random(ClipSeed(options.Seed, i));
            var seconds = options.MinSeconds + (options.MaxSeconds - options.MinSeconds) * random.NextDouble();
            var samples = synthesizer.Synthesize(speaker, emotion, seconds, random);
            var relativePath = Path.Combine("wav", id + ".wav");
            WavWriter.WritePcm16(Path.Combine(root, relativePath), new AudioClip(samples, options.SampleRate));
            utterances[i] = new Utterance(id, relativePath, (double)samples.Length / options.SampleRate, speaker.Id, speaker.Session, emotion.Name,
                Metadata: new Dictionary<string, string> { ["gender"] = speaker.Gender });
            progress?.Report(new ImportProgress(Interlocked.Increment(ref done), clips.Count, relativePath));
        });

        WriteManifest(Path.Combine(root, ManifestFileName), utterances);
        var labelSet = new LabelSet(options.CorpusName, options.EmotionsOrDefault.Select(e => e.Name).ToList());
        return new Corpus(options.CorpusName, root, utterances, [labelSet]);
    }

    private static List<(string Id, SpeakerProfile Speaker, EmotionProfile Emotion)> PlanClips(SyntheticCorpusOptions options)
    {
        var speakerRandom = new Random(options.Seed);
        var clips = new List<(string, SpeakerProfile, EmotionProfile)>();
        var number = 0;
        for (var session = 1; session <= options.Sessions; session++)
            for (var s = 0; s < options.SpeakersPerSession; s++)
            {
                var gender = s % 2 == 0 ? "f" : "m";
                var speaker = SpeakerProfile.Random($"spk{++number:00}{gender}", gender, session.ToString(CultureInfo.InvariantCulture), speakerRandom);
                foreach (var emotion in options.EmotionsOrDefault)
                    for (var k = 0; k < options.ClipsPerSpeakerAndEmotion; k++)
                        clips.Add(($"{speaker.Id}_{emotion.Name}_{k:00}", speaker, emotion));
            }
        return clips;
    }

    private static int ClipSeed(int seed, int clip) => unchecked(seed * 1_000_003 + clip * 7_919 + 1);

    private static void WriteManifest(string path, IEnumerable<Utterance> utterances)
    {
        // Ids, speakers, sessions and emotion names are plain tokens: no CSV quoting is ever needed.
        var text = new StringBuilder("file,speaker,session,label,gender\n");
        foreach (var u in utterances)
            text.Append(u.AudioPath.Replace('\\', '/')).Append(',').Append(u.Speaker).Append(',').Append(u.Session).Append(',')
                .Append(u.Label).Append(',').Append(u.Metadata!["gender"]).Append('\n');
        File.WriteAllText(path, text.ToString());
    }
}
