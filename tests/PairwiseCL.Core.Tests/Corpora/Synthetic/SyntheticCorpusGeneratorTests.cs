using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Corpora.Importers;
using PairwiseCL.Core.Corpora.Synthetic;
using PairwiseCL.Core.Tests.TestSupport;
using Xunit.Abstractions;
using PairwiseCL.Core.Progress;

namespace PairwiseCL.Core.Tests.Corpora.Synthetic;

/// <summary>The default corpus (96 clips of 2-3 s), generated once for the whole class.</summary>
public sealed class SyntheticCorpusFixture : IDisposable
{
    public SyntheticCorpusFixture()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Corpus = new SyntheticCorpusGenerator().Generate(Folder.Path);
        GenerationTime = clock.Elapsed;
    }

    public TimeSpan GenerationTime { get; }

    public TempFolder Folder { get; } = new();

    public Corpus Corpus { get; }

    public void Dispose() => Folder.Dispose();
}

public sealed class SyntheticCorpusGeneratorTests(SyntheticCorpusFixture fixture, ITestOutputHelper output) : IClassFixture<SyntheticCorpusFixture>
{
    private readonly Corpus _corpus = fixture.Corpus;

    [Fact]
    public void GeneratesSessionsSpeakersAndEmotionsAsConfigured()
    {
        output.WriteLine($"96 clips generated in {fixture.GenerationTime.TotalSeconds:F2} s");
        Assert.Equal(96, _corpus.Utterances.Count);
        Assert.Equal(["1", "2", "3", "4"], _corpus.Utterances.Select(u => u.Session).Distinct());
        Assert.Equal(8, _corpus.Utterances.Select(u => u.Speaker).Distinct().Count());
        Assert.All(_corpus.Utterances.GroupBy(u => u.Session), s => Assert.Equal(["f", "m"], s.Select(u => u.Metadata!["gender"]).Distinct().Order()));
        Assert.Equal(["neutral", "anger", "sadness", "happiness"], Assert.Single(_corpus.LabelSets).Classes);
        Assert.All(_corpus.Utterances.GroupBy(u => u.Label), g => Assert.Equal(24, g.Count()));
        Assert.All(_corpus.Utterances, u => Assert.InRange(u.DurationSeconds, 2.0, 3.0));
        Assert.Equal(96, _corpus.Labelled(_corpus.LabelSets[0]).Count());
    }

    [Fact]
    public void WritesA16kHzWavPerClipAndAManifestTheCsvImporterReads()
    {
        var imported = new CsvManifestImporter(new CsvManifestOptions(Path.Combine(fixture.Folder.Path, SyntheticCorpusGenerator.ManifestFileName))).Import();

        Assert.Empty(imported.Problems);
        Assert.Equal(
            _corpus.Utterances.Select(u => (u.Id, u.AudioPath, u.DurationSeconds, u.Speaker, u.Session, u.Label, u.Metadata!["gender"])),
            imported.Corpus.Utterances.Select(u => (u.Id, u.AudioPath, u.DurationSeconds, u.Speaker, u.Session, u.Label, u.Metadata!["gender"])));
        var clip = WavReader.Read(_corpus.ResolveAudioPath(_corpus.Utterances[0]));
        Assert.Equal(16000, clip.SampleRate);
        Assert.True(clip.Samples.Max(Math.Abs) is > 0.05f and < 1f);
    }

    [Fact]
    public void SameSeedWritesIdenticalFilesAndAnotherSeedDoesNot()
    {
        var small = new SyntheticCorpusOptions(Seed: 5, Sessions: 1, ClipsPerSpeakerAndEmotion: 1, MinSeconds: 0.5, MaxSeconds: 0.8);
        using var a = new TempFolder();
        using var b = new TempFolder();
        using var c = new TempFolder();

        var first = new SyntheticCorpusGenerator().Generate(a.Path, small);
        var again = new SyntheticCorpusGenerator().Generate(b.Path, small);
        var other = new SyntheticCorpusGenerator().Generate(c.Path, small with { Seed = 6 });

        string Hash(Corpus corpus, Utterance u) => AudioContentHash.Of(corpus.ResolveAudioPath(u));
        Assert.Equal(first.Utterances.Select(u => Hash(first, u)), again.Utterances.Select(u => Hash(again, u)));
        Assert.Equal(File.ReadAllText(a.File("labels.csv")), File.ReadAllText(b.File("labels.csv")));
        Assert.All(first.Utterances.Zip(other.Utterances), p => Assert.NotEqual(Hash(first, p.First), Hash(other, p.Second)));
    }

    [Fact]
    public void EmotionsDifferInMeasuredPitchLevelRangeAndLoudness()
    {
        var measured = _corpus.Utterances.GroupBy(u => u.Label!).ToDictionary(g => g.Key, g =>
        {
            var clips = g.Select(u => WavReader.Read(_corpus.ResolveAudioPath(u))).ToList();
            var f0 = clips.Select(c => AutocorrelationPitch.VoicedF0(c.Samples, c.SampleRate)).ToList();
            return (
                MeanF0: f0.SelectMany(x => x).Average(),
                // Range per clip in semitones (spread of log F0), averaged over clips.
                RangeSemitones: f0.Where(x => x.Count > 5).Average(x => StandardDeviation(x.Select(v => 12 * Math.Log2(v)))),
                RmsDb: clips.Average(c => 10 * Math.Log10(c.Samples.Average(v => (double)v * v))));
        });
        foreach (var (emotion, m) in measured)
            output.WriteLine($"{emotion,-10} mean F0 {m.MeanF0,6:F1} Hz, F0 spread {m.RangeSemitones:F2} st, level {m.RmsDb:F1} dB");

        Assert.True(measured["anger"].MeanF0 > measured["neutral"].MeanF0 * 1.15);
        Assert.True(measured["happiness"].MeanF0 > measured["neutral"].MeanF0 * 1.1);
        Assert.True(measured["sadness"].MeanF0 < measured["neutral"].MeanF0 * 0.95);
        Assert.True(measured["happiness"].RangeSemitones > measured["neutral"].RangeSemitones);
        Assert.True(measured["neutral"].RangeSemitones > measured["sadness"].RangeSemitones);
        Assert.True(measured["anger"].RmsDb > measured["happiness"].RmsDb + 1);
        Assert.True(measured["happiness"].RmsDb > measured["neutral"].RmsDb + 1);
        Assert.True(measured["neutral"].RmsDb > measured["sadness"].RmsDb + 3);
    }

    /// <summary>
    /// Spectral tilt measured as eGeMAPS's alpha ratio (energy 1-5 kHz over 50 Hz-1 kHz, in dB) of the
    /// loud frames: pressed anger has the flattest tilt, soft breathy sadness the steepest.
    /// </summary>
    [Fact]
    public void AngerHasTheFlattestSpectralTiltAndSadnessTheSteepest()
    {
        var alpha = _corpus.Utterances.GroupBy(u => u.Label!).ToDictionary(g => g.Key,
            g => g.Average(u => AlphaRatioDb(WavReader.Read(_corpus.ResolveAudioPath(u)).Samples, 16000)));
        foreach (var (emotion, db) in alpha) output.WriteLine($"{emotion,-10} alpha ratio {db:F1} dB");

        Assert.True(alpha["anger"] > alpha["neutral"] + 1.5);
        Assert.True(alpha["neutral"] > alpha["sadness"] + 2);
    }

    private static double AlphaRatioDb(float[] samples, int rate)
    {
        const int size = 512;
        int Bin(double hz) => (int)Math.Ceiling(hz * size / rate);
        var window = MathNet.Numerics.Window.Hann(size);
        var frames = new List<(double Energy, double Low, double High)>();
        var spectrum = new System.Numerics.Complex[size];
        for (var start = 0; start + size <= samples.Length; start += size / 2)
        {
            for (var n = 0; n < size; n++) spectrum[n] = samples[start + n] * window[n];
            MathNet.Numerics.IntegralTransforms.Fourier.Forward(spectrum, MathNet.Numerics.IntegralTransforms.FourierOptions.Matlab);
            double Band(int from, int to)
            {
                double sum = 0;
                for (var k = from; k < to; k++) sum += spectrum[k].Magnitude * spectrum[k].Magnitude;
                return sum;
            }
            frames.Add((Band(0, size / 2), Band(Bin(50), Bin(1000)), Band(Bin(1000), Bin(5000))));
        }
        var threshold = 0.1 * frames.Max(x => x.Energy);
        var loud = frames.Where(f => f.Energy > threshold).ToList();
        return 10 * Math.Log10(loud.Sum(f => f.High) / loud.Sum(f => f.Low));
    }

    [Fact]
    public void FemaleSpeakersAreMeasuredHigherThanMaleSpeakers()
    {
        double MeanF0(string gender) => _corpus.Utterances.Where(u => u.Metadata!["gender"] == gender && u.Label == "neutral")
            .SelectMany(u => AutocorrelationPitch.VoicedF0(WavReader.Read(_corpus.ResolveAudioPath(u)).Samples, 16000)).Average();

        Assert.True(MeanF0("f") > 1.4 * MeanF0("m"));
    }

    [Fact]
    public void ReportsProgressPerClipAndStopsWhenCancelled()
    {
        using var folder = new TempFolder();
        var tiny = new SyntheticCorpusOptions(Sessions: 1, ClipsPerSpeakerAndEmotion: 1, MinSeconds: 0.3, MaxSeconds: 0.3);
        var reports = new List<ImportProgress>();

        new SyntheticCorpusGenerator().Generate(folder.Path, tiny, new InlineProgress<ImportProgress>(r => { lock (reports) reports.Add(r); }));

        Assert.Equal(Enumerable.Range(1, 8), reports.Select(r => r.Done).Order());
        Assert.Throws<OperationCanceledException>(() =>
            new SyntheticCorpusGenerator().Generate(folder.File("cancelled"), tiny, ct: new CancellationToken(true)));
        Assert.False(File.Exists(folder.File("cancelled", SyntheticCorpusGenerator.ManifestFileName)));
    }

    [Fact]
    public void RejectsImpossibleOptions()
    {
        using var folder = new TempFolder();
        var generator = new SyntheticCorpusGenerator();

        Assert.Throws<ArgumentException>(() => generator.Generate(folder.Path, new SyntheticCorpusOptions(Sessions: 0)));
        Assert.Throws<ArgumentException>(() => generator.Generate(folder.Path, new SyntheticCorpusOptions(MinSeconds: 3, MaxSeconds: 2)));
        Assert.Throws<ArgumentException>(() => generator.Generate(folder.Path,
            new SyntheticCorpusOptions(Emotions: [EmotionProfile.Anger with { Name = "a,b" }])));
    }

    private static double StandardDeviation(IEnumerable<double> values)
    {
        var list = values.ToList();
        var mean = list.Average();
        return Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / list.Count);
    }
}
