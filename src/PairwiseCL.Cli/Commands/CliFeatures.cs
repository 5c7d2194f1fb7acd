using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;
using PairwiseCL.Core.Views.Cache;
using PairwiseCL.Core.Views.Extraction;
using Spectre.Console;
using PairwiseCL.Core.Progress;

namespace PairwiseCL.Cli.Commands;

/// <summary>Every view's features of a corpus through the feature cache, with a progress bar; clips that fail are left out and named.</summary>
internal static class CliFeatures
{
    public static (Corpus Usable, IReadOnlyDictionary<string, IReadOnlyList<FeatureMatrix>> Features, IReadOnlyList<IFeatureView> Views) Extract(
        CliSettings settings, Corpus corpus, IReadOnlyList<string> viewNames, BatchPadding padding, string title, CancellationToken cancellationToken)
    {
        var extractor = new FeatureExtractor(new FeatureCache(settings.FeatureCachePath));
        var featureViews = viewNames.Select(v => FeatureViewCatalog.Create(v, settings.Wav2Vec2.For(padding))).ToList();
        var (usable, features, failures) = ConsoleProgress.Run(title, progress => ProtocolFeatures.Extract(extractor, corpus, featureViews,
            new InlineProgress<ExtractionProgress>(p => progress.Report((p.Done, p.Total, p.View))), cancellationToken));
        foreach (var failure in failures) AnsiConsole.MarkupLine($"[yellow]left out[/] {Markup.Escape(failure.Message)}");
        return (usable, features, featureViews);
    }
}
