using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.EncoderSets;
using PairwiseCL.Core.Selection;
using PairwiseCL.Core.Training;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Jobs;
using static TorchSharp.torch;

namespace PairwiseCL.Web.Labelling;

/// <summary>
/// A queue order with the reason each clip stands where it does, the strategy that ordered it (as label events
/// record it) and the encoder set behind it (none for a model's least-confident order).
/// </summary>
public sealed record RankedQueue(string Strategy, string? EncoderSet, IReadOnlyList<string> Keys, IReadOnlyDictionary<string, string> Reasons);

/// <summary>
/// "Most informative first" for the labelling page: the clips' representations from a corpus's encoder set
/// (computed once per set and corpus, kept for the last few), then margin uncertainty of a softmax regression on
/// the labelled clips, or k-center diversity while fewer than two classes have labels (Core's
/// <see cref="UncertaintySelection"/>). Sub-second once the representations exist.
/// </summary>
public sealed class InformativeOrder(CorpusRepository corpora, CorpusFeatures features, IOptions<StorageOptions> storage, ILogger<InformativeOrder> logger)
{
    private const int KeptRepresentations = 4;
    private readonly ConcurrentDictionary<(string Set, int CorpusId), Lazy<Task<IReadOnlyDictionary<string, double[]>>>> representations = new();

    /// <summary>The unlabelled clips of <paramref name="items"/>, most informative first; null when the set is not this corpus's.</summary>
    public async Task<RankedQueue?> RankAsync(int corpusId, int workspaceId, string encoderSetHash, LabelSet labelSet, IReadOnlyList<QueueItem> items,
        CancellationToken cancellationToken = default)
    {
        var points = await RepresentationsAsync(corpusId, workspaceId, encoderSetHash, cancellationToken);
        if (points is null) return null;
        var usable = items.Where(i => points.ContainsKey(i.Key)).ToList();
        var labels = usable.Select(i => labelSet.Map(i.Label) is { } c ? labelSet.Classes.ToList().IndexOf(c) : -1).Select(c => c < 0 ? (int?)null : c).ToList();
        var pool = new SelectionPool(usable.Select(i => points[i.Key]).ToList(), labels, labelSet.Classes, usable.Select(i => i.Speaker).ToList());
        var uncertainty = new UncertaintySelection(UncertaintyMeasure.Margin);
        var picks = await Task.Run(() => uncertainty.Select(pool, pool.Unlabelled.Count(), cancellationToken), cancellationToken);
        // Without two labelled classes there is no model, and the selection falls back to k-center diversity.
        var strategy = pool.CanTrainClassifier ? uncertainty.Name : new KCenterGreedySelection().Name;
        return new RankedQueue(strategy, encoderSetHash, picks.Select(p => usable[p.Index].Key).ToList(), picks.ToDictionary(p => usable[p.Index].Key, p => p.Reason));
    }

    private async Task<IReadOnlyDictionary<string, double[]>?> RepresentationsAsync(int corpusId, int workspaceId, string setHash, CancellationToken cancellationToken)
    {
        // Every re-rank checks the set still matches the corpus from its name and clip ids; the whole corpus is read only
        // when the representations are computed.
        if (await corpora.LoadUtteranceIdsAsync(corpusId, workspaceId, cancellationToken) is not { } ids) return null;
        var catalog = new EncoderSetCatalog(storage.Value.DataFolderFullPath);
        var folder = catalog.FolderOf(setHash);
        if (!File.Exists(Path.Combine(folder, EncoderSetFiles.ManifestFile))) return null;
        var manifest = EncoderSetFiles.ReadManifest(folder);
        if (!manifest.Request.Corpora.Contains(TrainingCorpus.Of(ids.Name, ids.UtteranceIds))) return null; // another corpus's set, or this corpus before it changed
        if (representations.Count >= KeptRepresentations && !representations.ContainsKey((setHash, corpusId))) representations.Clear();
        var lazy = representations.GetOrAdd((setHash, corpusId), _ => new(() => ComputeAsync(corpusId, workspaceId, manifest, folder)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            representations.TryRemove((setHash, corpusId), out _); // a later request tries again
            throw;
        }
    }

    /// <summary>Reads the whole corpus and computes its representations (features first: minutes on a large corpus) on a thread of their own.</summary>
    private async Task<IReadOnlyDictionary<string, double[]>> ComputeAsync(int corpusId, int workspaceId, EncoderSetManifest manifest, string folder)
    {
        var corpus = await corpora.LoadAsync(corpusId, workspaceId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Corpus #{corpusId} no longer exists.");
        return await JobCompute.RunAsync(() => Compute(corpus, manifest, folder), CancellationToken.None);
    }

    // eGeMAPS where the set has it: on emodb-dev its representations chose the best clips (README, active learning).
    private IReadOnlyDictionary<string, double[]> Compute(Corpus corpus, EncoderSetManifest manifest, string folder)
    {
        var view = manifest.Request.Views.Contains("egemaps") ? "egemaps" : manifest.Request.Views[0];
        var padding = manifest.Request.Pretraining.Padding;
        var (usable, extracted, keys) = features.Extract(corpus, [view], padding, CancellationToken.None);
        if (manifest.Request.ViewConfigurationKeys.GetValueOrDefault(view) is { } trained && keys[view] != trained)
            throw new InvalidOperationException($"The '{view}' features are configured differently from those encoder set '{manifest.Name}' was trained on; pre-train it again.");
        using var encoder = EncoderSetFiles.LoadEncoder(folder, manifest, view);
        var rows = RepresentationRows.Of(encoder, extracted[view], CPU, padding);
        var (mean, scale) = RepresentationRows.Standardisation(rows);
        var points = rows.Select(r => RepresentationRows.Standardise(r, mean, scale)).ToList();
        logger.LogInformation("Representations of {Count} clips of {Corpus} from encoder set {Set} ({View})", points.Count, corpus.Name, manifest.RequestHash[..12], view);
        return usable.Utterances.Select((u, i) => (u.Id, points[i])).ToDictionary(x => x.Id, x => x.Item2);
    }
}
