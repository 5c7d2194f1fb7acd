using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PairwiseCL.Core.Files;

namespace PairwiseCL.Core.Views.Cache;

/// <summary>
/// Extracted features on disk, keyed by (view name, view configuration key, audio content hash):
/// <c>root/view/configKey/ab/abcdef….feat</c>. Extract once, reuse. Writers write a private temporary
/// file and rename it into place (atomic on one file system), so concurrent writers of the same entry
/// never expose a half-written file; a corrupted or truncated entry fails its checksum, is deleted and
/// recomputed.
/// </summary>
public sealed class FeatureCache(string root, ILogger<FeatureCache>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<FeatureCache>.Instance;

    public string Root { get; } = Path.GetFullPath(root);

    public string PathOf(IFeatureView view, string audioHash)
    {
        if (audioHash.Length < 8 || audioHash.Any(c => !Uri.IsHexDigit(c)))
            throw new ArgumentException($"Audio content hash '{audioHash}' is not a hex digest.", nameof(audioHash));
        return Path.Combine(Root, view.Name, view.ConfigurationKey, audioHash[..2], audioHash + ".feat");
    }

    public bool TryGet(IFeatureView view, string audioHash, out FeatureMatrix features)
    {
        var path = PathOf(view, audioHash);
        features = null!;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        var decoded = FeatureFile.TryDecode(bytes);
        if (decoded is null)
        {
            _logger.LogWarning("Cache entry {Path} is corrupted; it will be recomputed.", path);
            TryDelete(path);
            return false;
        }
        features = decoded;
        return true;
    }

    public void Put(IFeatureView view, string audioHash, FeatureMatrix features, FeatureStorage storage = FeatureStorage.Float32)
    {
        var path = PathOf(view, audioHash);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, temporary => File.WriteAllBytes(temporary, FeatureFile.Encode(features, storage)));
    }

    /// <summary>Returns the cached features or extracts, stores and returns them.</summary>
    public FeatureMatrix GetOrAdd(IFeatureView view, string audioHash, Func<FeatureMatrix> extract,
        FeatureStorage storage = FeatureStorage.Float32) => GetOrAdd(view, audioHash, extract, storage, out _);

    public FeatureMatrix GetOrAdd(IFeatureView view, string audioHash, Func<FeatureMatrix> extract,
        FeatureStorage storage, out bool wasCached)
    {
        if (TryGet(view, audioHash, out var cached))
        {
            wasCached = true;
            return cached;
        }
        wasCached = false;
        var features = extract();
        Put(view, audioHash, features, storage);
        // Return what a later read will see, so float16 rounding is the same on first and later use.
        return storage == FeatureStorage.Float32 ? features : FeatureFile.TryDecode(FeatureFile.Encode(features, storage))!;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { /* another process holds or already removed it; the next reader retries */ }
    }
}
