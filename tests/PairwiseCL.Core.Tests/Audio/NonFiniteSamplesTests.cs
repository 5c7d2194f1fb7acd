using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Corpora.Importers;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Tests.TestSupport;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;
using PairwiseCL.Core.Views.Cache;
using PairwiseCL.Core.Views.Extraction;

namespace PairwiseCL.Core.Tests.Audio;

/// <summary>
/// A float WAV holding NaN or infinity was imported, and the experiment then failed at run 24/32 with a
/// JSON "infinity" error. Such samples are refused where audio is read, features with them are left out
/// (even when cached earlier), and a run holding one is never written.
/// </summary>
public sealed class NonFiniteSamplesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void AFloatWavWithANonFiniteSample_IsRefusedNamingWhere(float value)
    {
        var samples = Enumerable.Repeat(0.25, 16000).ToArray();
        samples[8000] = value;
        var path = _folder.File("bad.wav");
        File.WriteAllBytes(path, TestWav.Build([samples], 16000, TestWav.Encoding.Float, 32));

        var error = Assert.Throws<AudioFormatException>(() => WavReader.Read(path));

        Assert.Equal(path, error.Path);
        Assert.Contains("holds a NaN or infinite sample at 0.5 s", error.Message);
        Assert.True(WavReader.ReadInfo(path).IsFloat);
    }

    [Fact]
    public void FiniteFloatAndPcmWavsAreReadAsBefore()
    {
        var tone = TestWav.Tone(440, 16000, 0.1);
        var floatPath = _folder.File("float.wav");
        var pcmPath = _folder.File("pcm.wav");
        File.WriteAllBytes(floatPath, TestWav.Build([tone], 16000, TestWav.Encoding.Float, 32));
        File.WriteAllBytes(pcmPath, TestWav.Build([tone], 16000, TestWav.Encoding.Pcm, 16));

        Assert.Equal(tone.Select(v => (float)v), WavReader.Read(floatPath).Samples);
        Assert.False(WavReader.ReadInfo(pcmPath).IsFloat);
    }

    [Fact]
    public void AnImportReportsEachFloatWavWithNonFiniteSamples_AndKeepsTheRest()
    {
        var root = Directory.CreateDirectory(_folder.File("corpus")).FullName;
        var bad = Enumerable.Repeat(0.1, 1600).ToArray();
        bad[10] = double.PositiveInfinity;
        File.WriteAllBytes(Path.Combine(root, "good.wav"), TestWav.Build([TestWav.Tone(220, 16000, 0.1)], 16000, TestWav.Encoding.Float, 32));
        File.WriteAllBytes(Path.Combine(root, "inf.wav"), TestWav.Build([bad], 16000, TestWav.Encoding.Float, 32));
        File.WriteAllText(Path.Combine(root, "labels.csv"), "file,speaker,session,label\ngood.wav,s1,1,neu\ninf.wav,s1,1,ang\n");

        var result = new CsvManifestImporter(new CsvManifestOptions(Path.Combine(root, "labels.csv"))).Import();

        Assert.Equal(["good"], result.Corpus.Utterances.Select(u => u.Id));
        var problem = Assert.Single(result.Problems);
        Assert.EndsWith("inf.wav", problem.Path);
        Assert.Contains("NaN or infinite sample", problem.Message);
    }

    [Fact]
    public void FeaturesWithNaN_AreLeftOutAsAFailure_AndNeverCached()
    {
        var root = Directory.CreateDirectory(_folder.File("audio")).FullName;
        WavWriter.WritePcm16(Path.Combine(root, "a.wav"), new AudioClip(new float[1600], 16000));
        var corpus = new Corpus("c", root, [new Utterance("a", "a.wav", 0.1, "s1", "1")], []);
        var cache = new FeatureCache(_folder.File("cache"));
        var extractor = new FeatureExtractor(cache);

        var summary = extractor.ExtractAll(corpus, new ConstantView(float.NaN));
        var again = extractor.ExtractAll(corpus, new ConstantView(float.NaN));

        Assert.Contains("NaN or infinite constant feature", Assert.Single(summary.Failures).Message);
        Assert.Equal(0, again.FromCache);
        Assert.Single(again.Failures);
    }

    [Fact]
    public void ARunHoldingNaN_IsNotWritten_AndSaysWhichValue()
    {
        var path = _folder.File("run.json");
        var run = new RunResult("mel", "supervised", 100, 0, "1", 0, 7, 0.5, "none", 10, 4, 0.5, 0.5, [[1, 0], [0, 1]], [1, 1], 2, 0.5, 1.0)
        {
            History = [new EpochRecord(1, 0.7, 0.6, 0.5, 1e-3, 0.1), new EpochRecord(2, double.NaN, 0.6, 0.5, 1e-3, 0.1)],
        };

        var error = Assert.Throws<InvalidOperationException>(() => ProtocolRunner.Save(path, run));

        Assert.Contains("non-finite training loss at epoch 2", error.Message);
        Assert.False(File.Exists(path));
        Assert.Null((run with { History = [] }).FirstNonFinite());
    }

    [Fact]
    public void ATestSessionWithoutAClass_IsNotDivergence_AndItsUndefinedRecallIsStoredAsNull()
    {
        // emodb-dev's session 2 has no clip of one class: the quick protocol stopped there ("training diverged").
        var path = _folder.File("absent-class.json");
        var run = new RunResult("mel", "supervised", 10, 1, "2", 0, 7, 0.5, "none", 10, 4, 0.5, 0.5, [[1, 0, 0], [0, 1, 0], [0, 0, 0]], [1, 1, double.NaN], 2, 0.5, 1.0);

        Assert.Null(run.FirstNonFinite());
        ProtocolRunner.Save(path, run);

        Assert.DoesNotContain("NaN", File.ReadAllText(path));
        var back = ProtocolRunner.TryLoad(path)!;
        Assert.True(double.IsNaN(back.PerClassRecall[2]));
        Assert.Equal(run.Uar, back.Uar);
        Assert.NotNull((run with { PerClassRecall = [1, 1, double.PositiveInfinity] }).FirstNonFinite());
    }

    [Fact]
    public void APretrainingWithANaNLoss_FailsNamingTheEpoch_InsteadOfCarryingNaNIntoTheLossCurves()
    {
        EpochRecord[] history = [new(1, 2.0, 1.9, null, 1e-3, 0.1), new(2, 1.5, double.PositiveInfinity, null, 1e-3, 0.1)];

        var error = Assert.Throws<InvalidOperationException>(() => ProtocolRunner.ThrowIfDiverged("pre-training on all utterances", history));

        Assert.Contains("pre-training on all utterances has a non-finite loss at epoch 2", error.Message);
        ProtocolRunner.ThrowIfDiverged("finite", history[..1]);
    }

    /// <summary>A view whose every feature is one value (NaN here), standing in for a view fed an extreme clip.</summary>
    private sealed class ConstantView(float value) : IFeatureView
    {
        public string Name => "constant";
        public string ConfigurationKey => "constant-v1";
        public int SampleRate => 16000;
        public IReadOnlyList<int> OutputShape => [4];
        public FeatureMatrix Extract(AudioClip clip, CancellationToken cancellationToken = default) => FeatureMatrix.Vector([0, value, 0, 0]);
    }
}
