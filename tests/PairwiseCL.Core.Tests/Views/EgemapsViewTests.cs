using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Tests.TestSupport;
using PairwiseCL.Core.Views.Egemaps;

namespace PairwiseCL.Core.Tests.Views;

public sealed class EgemapsViewTests
{
    [Fact]
    public void TheViewDescribesItselfAsAnEightyEightValueVector()
    {
        var view = new EgemapsView();
        Assert.Equal("egemaps", view.Name);
        Assert.Equal(16000, view.SampleRate);
        Assert.Equal([88], view.OutputShape);
        Assert.Equal(88, EgemapsFeatureNames.Functionals.Distinct().Count());
        Assert.Equal(25, EgemapsFeatureNames.LowLevelDescriptors.Count);
    }

    [Fact]
    public void TheCacheKeyFollowsTheConfiguration()
    {
        Assert.Equal(new EgemapsView().ConfigurationKey, new EgemapsView(new EgemapsConfiguration()).ConfigurationKey);
        Assert.NotEqual(new EgemapsView().ConfigurationKey,
            new EgemapsView(EgemapsConfiguration.Default with { VoicingCutoff = 0.6 }).ConfigurationKey);
    }

    [Fact]
    public void ParallelExtractionGivesTheSameValuesAsSequential()
    {
        var files = Directory.GetFiles(Path.Combine(SharedData.EmoDbDev, "wav"), "*.wav").Order().Take(8).ToArray();
        var clips = files.Select(WavReader.Read).ToArray();
        var view = new EgemapsView();
        var sequential = clips.Select(c => view.Extract(c).Data).ToArray();
        var parallel = new float[clips.Length][];
        Parallel.For(0, clips.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = view.Extract(clips[i]).Data);
        for (var i = 0; i < clips.Length; i++) Assert.Equal(sequential[i], parallel[i]);
    }

    [Fact]
    public void ClipsTooLongToKeepTheirPitchSpectraRecomputeThemToTheSameValues()
    {
        var clip = WavReader.Read(Directory.GetFiles(Path.Combine(SharedData.EmoDbDev, "wav"), "*.wav").Order().First());
        var kept = new EgemapsExtractor().Extract(clip);
        var recomputed = new EgemapsExtractor(null, maxKeptSpectrumValues: 0).Extract(clip);
        Assert.Equal(kept.Functionals, recomputed.Functionals);
        Assert.Equal(kept.LowLevelDescriptors.Values, recomputed.LowLevelDescriptors.Values);
    }

    [Fact]
    public void TheLowLevelDescriptorTableHasOneRowPerTenMillisecondsOfPitchFrames()
    {
        var clip = new AudioClip(Enumerable.Range(0, 32000).Select(i => (float)Math.Sin(i * 0.05)).ToArray(), 16000);
        var table = new EgemapsView().ExtractWithLowLevelDescriptors(clip).LowLevelDescriptors;
        // openSMILE emits 196 rows for 2.0 s: the 60 ms pitch frames that fit plus one at the end of input.
        Assert.Equal(196, table.Frames);
        Assert.Equal(196 * 25, table.Values.Length);
    }

    [Fact]
    public void CancellationStopsALongExtraction()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var clip = new AudioClip(new float[16000 * 30], 16000);
        Assert.ThrowsAny<OperationCanceledException>(() => new EgemapsView().Extract(clip, cancelled.Token));
    }
}
