using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Views.Cache;
using TorchSharp;

namespace PairwiseCL.Core.Views.Extraction;

/// <summary>
/// Runs a corpus through a view in parallel, caching every utterance's features by (view configuration,
/// audio content hash). Audio is decoded and resampled to the view's rate but not trimmed: each view
/// trims or pads itself, so it knows how many frames are real. A file that cannot be decoded is
/// reported and skipped; the rest continue.
/// </summary>
public sealed class FeatureExtractor(FeatureCache cache, IAudioDecoder? decoder = null, ILogger<FeatureExtractor>? logger = null)
{
    private readonly IAudioDecoder _decoder = decoder ?? AudioDecoder.Default;
    private readonly ILogger _logger = logger ?? NullLogger<FeatureExtractor>.Instance;

    public FeatureCache Cache => cache;

    public ExtractionSummary ExtractAll(
        Corpus corpus,
        IFeatureView view,
        ExtractionOptions? options = null,
        IProgress<ExtractionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new ExtractionOptions();
        var clock = Stopwatch.StartNew();
        var failures = new ConcurrentBag<ExtractionFailure>();
        int done = 0, fromCache = 0, extracted = 0;
        long audioMicroseconds = 0;
        var total = corpus.Utterances.Count;
        // Utterances are the unit of parallelism: libtorch's own intra-op threads would only oversubscribe the cores.
        var torchThreads = torch.get_num_threads();
        torch.set_num_threads(Math.Max(1, Environment.ProcessorCount / options.Workers));
        try
        {
            Parallel.ForEach(
                corpus.Utterances,
                new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = cancellationToken },
                utterance =>
                {
                    try
                    {
                        GetFeatures(corpus, utterance, view, options.Storage ?? view.PreferredStorage, out var wasCached, out var seconds, cancellationToken);
                        if (wasCached) Interlocked.Increment(ref fromCache);
                        else
                        {
                            Interlocked.Increment(ref extracted);
                            Interlocked.Add(ref audioMicroseconds, (long)(seconds * 1e6));
                        }
                    }
                    catch (AudioFormatException ex)
                    {
                        _logger.LogWarning("Skipping {Utterance}: {Problem}", utterance.Id, ex.Message);
                        failures.Add(new ExtractionFailure(utterance.Id, ex.Path, ex.Message));
                    }
                    var finished = Interlocked.Increment(ref done);
                    progress?.Report(new ExtractionProgress(view.Name, finished, total, Volatile.Read(ref fromCache),
                        failures.Count, Interlocked.Read(ref audioMicroseconds) / 1e6, clock.Elapsed));
                });
        }
        finally
        {
            torch.set_num_threads(torchThreads);
        }

        return new ExtractionSummary(view.Name, extracted, fromCache,
            failures.OrderBy(f => f.UtteranceId, StringComparer.Ordinal).ToList(), audioMicroseconds / 1e6, clock.Elapsed);
    }

    /// <summary>The utterance's features from the cache, extracting and storing them on a miss.</summary>
    public FeatureMatrix GetFeatures(Corpus corpus, Utterance utterance, IFeatureView view,
        FeatureStorage? storage = null, CancellationToken cancellationToken = default) =>
        GetFeatures(corpus, utterance, view, storage ?? view.PreferredStorage, out _, out _, cancellationToken);

    private FeatureMatrix GetFeatures(Corpus corpus, Utterance utterance, IFeatureView view, FeatureStorage storage,
        out bool wasCached, out double audioSeconds, CancellationToken cancellationToken)
    {
        var path = corpus.ResolveAudioPath(utterance);
        if (!File.Exists(path)) throw new AudioFormatException(path, "does not exist");
        var hash = AudioContentHash.Of(path);
        double seconds = 0;
        var features = cache.GetOrAdd(view, hash, () =>
        {
            var decoded = _decoder.Decode(path, cancellationToken);
            var clip = new AudioClip(Resampler.Resample(decoded.Samples, decoded.SampleRate, view.SampleRate), view.SampleRate);
            seconds = clip.DurationSeconds;
            return ThrowIfNonFinite(view.Extract(clip, cancellationToken), view, path); // never cached
        }, storage, out wasCached);
        audioSeconds = seconds;
        return wasCached ? ThrowIfNonFinite(features, view, path) : features; // cached before this check existed
    }

    /// <summary>NaN or infinite features would turn a run's losses and metrics into NaN (and its result files unwritable): the utterance is left out instead.</summary>
    private static FeatureMatrix ThrowIfNonFinite(FeatureMatrix features, IFeatureView view, string path)
    {
        var index = Array.FindIndex(features.Data, v => !float.IsFinite(v));
        if (index >= 0)
            throw new AudioFormatException(path, $"gives a NaN or infinite {view.Name} feature (value {index:N0} of {features.Data.Length:N0}); it is left out");
        return features;
    }
}
