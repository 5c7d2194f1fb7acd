using PairwiseCL.Core.Audio;

namespace PairwiseCL.Core.Tests.Audio;

/// <summary>
/// Five 2 KB clips at distinct odd rates grew the process by ~200 MB each, for good: the resampler kept one
/// filter table per rate pair without bound. The cache is now bounded by count and bytes.
/// </summary>
public sealed class ResamplerCacheTests
{
    [Fact]
    public void ManyDistinctOddRates_DoNotGrowTheFilterCachePastItsBound_AndEvictedFiltersGiveTheSameOutput()
    {
        var clip = TestWav.Tone(440, 16000, 0.06).Select(v => (float)v).ToArray(); // ~2 KB of 16-bit audio
        var first = Resampler.Resample(clip, 383_999, 16000);

        // Odd rates near 8 kHz make small tables (the count bound); near 384 kHz the largest ones, ~11 MB (the byte bound).
        var rates = Enumerable.Range(0, Resampler.MaxCachedFilters + 8).Select(i => 8_001 + 2 * i)
            .Concat(Enumerable.Range(1, 8).Select(i => 383_999 - 2 * i));
        foreach (var rate in rates)
        {
            Resampler.Resample(clip, rate, 16000);
            var (count, bytes) = Resampler.CachedFilters;
            Assert.InRange(count, 0, Resampler.MaxCachedFilters);
            Assert.InRange(bytes, 0, Resampler.MaxCachedFilterBytes);
        }

        Assert.Equal(first, Resampler.Resample(clip, 383_999, 16000)); // designed again after eviction: same filter
    }

    [Fact]
    public void TheCache_EvictsTheLeastRecentlyUsed_AndNeverKeepsAValueOverItsSizeBound()
    {
        var created = new List<string>();
        var cache = new BoundedCache<string, string>(maxEntries: 2, maxBytes: 10, sizeOf: v => v.Length);
        string Get(string key) => cache.GetOrAdd(key, k => { created.Add(k); return k; });

        Get("aa");
        Get("bb");
        Get("aa"); // "bb" is now the least recently used
        Get("cc"); // evicts "bb"
        Get("aa");
        Get("bb");
        Get("this is too large");
        Get("this is too large");

        Assert.Equal(["aa", "bb", "cc", "bb", "this is too large", "this is too large"], created);
        Assert.Equal(2, cache.Count);
        Assert.InRange(cache.Bytes, 0, 10);
    }
}
