using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Views;
using PairwiseCL.Core.Views.Cache;
using PairwiseCL.Core.Views.Mel;

namespace PairwiseCL.Core.Tests.Views;

public sealed class FeatureCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pwcl-cache-").FullName;
    private readonly LogMelView _view = new(new LogMelConfiguration(FixedLengthSeconds: 1.0));
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Float32EntriesComeBackBitForBit()
    {
        var cache = new FeatureCache(_root);
        var features = Sample();
        cache.Put(_view, Hash, features);
        Assert.True(cache.TryGet(_view, Hash, out var back));
        Assert.Equal(features.Shape, back.Shape);
        Assert.Equal(features.ValidFrames, back.ValidFrames);
        Assert.Equal(features.Data, back.Data);
    }

    [Fact]
    public void Float16EntriesHalveTheFileAndKeepThreeDigits()
    {
        var cache = new FeatureCache(_root);
        var features = Sample();
        cache.Put(_view, Hash, features, FeatureStorage.Float16);
        var size16 = new FileInfo(cache.PathOf(_view, Hash)).Length;
        Assert.True(cache.TryGet(_view, Hash, out var back));
        for (var i = 0; i < features.Data.Length; i++)
            Assert.True(Math.Abs(features.Data[i] - back.Data[i]) <= 1e-3 * Math.Max(1, Math.Abs(features.Data[i])));
        cache.Put(_view, Hash, features);
        var size32 = new FileInfo(cache.PathOf(_view, Hash)).Length;
        Assert.InRange(size16, size32 / 2 - 64, size32 / 2 + 64);
    }

    [Fact]
    public void ExtractsOnceThenReuses()
    {
        var cache = new FeatureCache(_root);
        var calls = 0;
        FeatureMatrix Extract() { calls++; return Sample(); }
        cache.GetOrAdd(_view, Hash, Extract, FeatureStorage.Float32, out var firstCached);
        cache.GetOrAdd(_view, Hash, Extract, FeatureStorage.Float32, out var secondCached);
        Assert.Equal(1, calls);
        Assert.False(firstCached);
        Assert.True(secondCached);
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("empty")]
    public void CorruptedEntriesAreDetectedAndRecomputed(string damage)
    {
        var cache = new FeatureCache(_root);
        var features = Sample();
        cache.Put(_view, Hash, features);
        var path = cache.PathOf(_view, Hash);
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "flip": bytes[bytes.Length / 2] ^= 0x40; File.WriteAllBytes(path, bytes); break;
            case "truncate": File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]); break;
            default: File.WriteAllBytes(path, []); break;
        }
        Assert.False(cache.TryGet(_view, Hash, out _));
        Assert.False(File.Exists(path));
        var recomputed = cache.GetOrAdd(_view, Hash, () => features, FeatureStorage.Float32, out var wasCached);
        Assert.False(wasCached);
        Assert.Equal(features.Data, recomputed.Data);
        Assert.True(cache.TryGet(_view, Hash, out _));
    }

    [Fact]
    public void ConcurrentWritersNeverExposeAHalfWrittenEntry()
    {
        var cache = new FeatureCache(_root);
        var features = Sample();
        var torn = 0;
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (i % 2 == 0) cache.Put(_view, Hash, features);
            else if (cache.TryGet(_view, Hash, out var read) && !read.Data.SequenceEqual(features.Data)) Interlocked.Increment(ref torn);
        });
        Assert.Equal(0, torn);
        Assert.Empty(Directory.GetFiles(_root, "*.tmp", SearchOption.AllDirectories));
        Assert.True(cache.TryGet(_view, Hash, out _));
    }

    [Fact]
    public void DifferentViewConfigurationsDoNotShareEntries()
    {
        var cache = new FeatureCache(_root);
        var other = new LogMelView(new LogMelConfiguration(MelBands: 40, FixedLengthSeconds: 1.0));
        cache.Put(_view, Hash, Sample());
        Assert.False(cache.TryGet(other, Hash, out _));
        Assert.NotEqual(cache.PathOf(_view, Hash), cache.PathOf(other, Hash));
    }

    [Fact]
    public void NonHexAudioHashesAreRefused() =>
        Assert.Throws<ArgumentException>(() => new FeatureCache(_root).PathOf(_view, "../../etc/passwd"));

    private FeatureMatrix Sample()
    {
        var random = new Random(3);
        var samples = Enumerable.Range(0, 16000).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        return _view.Extract(new AudioClip(samples, 16000));
    }
}
