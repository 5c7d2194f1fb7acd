using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Experiments;

namespace PairwiseCL.Core.Views.Extraction;

/// <summary>
/// Features of every view for a protocol: each view is extracted over the corpus (cached), utterances that
/// failed in any view are left out of all of them, and the features come back aligned with the usable corpus.
/// </summary>
public static class ProtocolFeatures
{
    public static (Corpus Usable, IReadOnlyDictionary<string, IReadOnlyList<FeatureMatrix>> Features, IReadOnlyList<ExtractionFailure> Failures) Extract(
        FeatureExtractor extractor,
        Corpus corpus,
        IReadOnlyList<IFeatureView> views,
        IProgress<ExtractionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var failures = new List<ExtractionFailure>();
        var failed = new HashSet<string>();
        foreach (var view in views)
        {
            var summary = extractor.ExtractAll(corpus, view, new ExtractionOptions(), progress, cancellationToken);
            failures.AddRange(summary.Failures.Where(f => failed.Add(f.UtteranceId)));
        }
        var usable = corpus with { Utterances = corpus.Utterances.Where(u => !failed.Contains(u.Id)).ToList() };
        var features = views.ToDictionary(v => v.Name,
            v => (IReadOnlyList<FeatureMatrix>)usable.Utterances.Select(u => extractor.GetFeatures(usable, u, v, cancellationToken: cancellationToken)).ToList());
        return (usable, features, failures);
    }

    /// <summary>The protocol input for a corpus whose features are extracted (or found in the cache) first.</summary>
    public static ProtocolInput Input(FeatureExtractor extractor, Corpus corpus, Corpora.LabelSet fineTuneLabels, IReadOnlyList<IFeatureView> views,
        IProgress<ExtractionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (usable, features, _) = Extract(extractor, corpus, views, progress, cancellationToken);
        return new ProtocolInput(usable, fineTuneLabels, features, views.ToDictionary(v => v.Name, v => v.ConfigurationKey));
    }
}
