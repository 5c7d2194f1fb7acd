using Microsoft.Extensions.Options;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Progress;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;
using PairwiseCL.Core.Views.Cache;
using PairwiseCL.Core.Views.Extraction;
using PairwiseCL.Store;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Jobs;

namespace PairwiseCL.Web.Experiments;

/// <summary>
/// Features of every view of a corpus for a job (through the shared feature cache), reporting progress and
/// logging each utterance left out; experiments and encoder-set pre-training both start here.
/// </summary>
public sealed class CorpusFeatures(ExperimentViews views, IOptions<StorageOptions> storage, ILoggerFactory loggers)
{
    internal (Corpus Usable, IReadOnlyDictionary<string, IReadOnlyList<FeatureMatrix>> Features, IReadOnlyDictionary<string, string> ViewKeys) Extract(
        Corpus corpus, IReadOnlyList<string> viewNames, BatchPadding padding, JobProgressSink sink, JobContext context, CancellationToken cancellationToken) =>
        Extract(corpus, viewNames, padding, new InlineProgress<ExtractionProgress>(p =>
                sink.Report(new ExperimentProgress($"features {p.View}", p.Done, p.Total, $"{p.FromCache} from cache, {p.Failed} failed", null))),
            failure => context.LogAsync(failure, cancellationToken).GetAwaiter().GetResult(), cancellationToken);

    /// <summary>Outside a job (the labelling page's order): utterances left out go to the server log.</summary>
    public (Corpus Usable, IReadOnlyDictionary<string, IReadOnlyList<FeatureMatrix>> Features, IReadOnlyDictionary<string, string> ViewKeys) Extract(
        Corpus corpus, IReadOnlyList<string> viewNames, BatchPadding padding, CancellationToken cancellationToken) =>
        Extract(corpus, viewNames, padding, null, failure => loggers.CreateLogger<CorpusFeatures>().LogInformation("{Failure}", failure), cancellationToken);

    private (Corpus Usable, IReadOnlyDictionary<string, IReadOnlyList<FeatureMatrix>> Features, IReadOnlyDictionary<string, string> ViewKeys) Extract(
        Corpus corpus, IReadOnlyList<string> viewNames, BatchPadding padding, IProgress<ExtractionProgress>? progress, Action<string> leftOut,
        CancellationToken cancellationToken)
    {
        var extractor = new FeatureExtractor(new FeatureCache(storage.Value.FeatureCacheFullPath), logger: loggers.CreateLogger<FeatureExtractor>());
        var opened = viewNames.Select(name => views.Open(name, cancellationToken, padding)).ToList();
        try
        {
            var (usable, features, failures) = ProtocolFeatures.Extract(extractor, corpus, opened, progress, cancellationToken);
            foreach (var failure in failures) leftOut($"left out {failure.UtteranceId}: {failure.Message}");
            return (usable, features, opened.ToDictionary(v => v.Name, v => v.ConfigurationKey));
        }
        finally
        {
            foreach (var view in opened.OfType<IDisposable>()) view.Dispose();
        }
    }
}
