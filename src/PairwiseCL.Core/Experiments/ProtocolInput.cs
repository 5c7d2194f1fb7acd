using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Views;

namespace PairwiseCL.Core.Experiments;

/// <summary>
/// A corpus, the label set fine-tuning uses (utterances outside it still pre-train), and every view's
/// features, aligned with <see cref="Corpus.Utterances"/>. <paramref name="ViewConfigurationKeys"/> (view name to
/// <see cref="IFeatureView.ConfigurationKey"/>) is written into saved models so a predictor can check its features match.
/// </summary>
public sealed record ProtocolInput(Corpus Corpus, LabelSet FineTuneLabels, IReadOnlyDictionary<string, IReadOnlyList<FeatureMatrix>> Features,
    IReadOnlyDictionary<string, string>? ViewConfigurationKeys = null)
{
    /// <summary>
    /// Another corpus (labelled or not, e.g. a large unlabelled one) whose every utterance joins each fold's
    /// pre-training on "all" utterances; it never fine-tunes or tests. Its speakers should not include the
    /// fine-tuning corpus's test speakers, or pre-training sees them.
    /// </summary>
    public AdditionalPretraining? AdditionalPretraining { get; init; }

    public void Validate(ProtocolConfiguration configuration)
    {
        AdditionalPretraining?.Validate(configuration);
        foreach (var view in configuration.Views)
        {
            if (!Features.TryGetValue(view, out var features))
                throw new ArgumentException($"No features for view '{view}'; extract it first.");
            if (features.Count != Corpus.Utterances.Count)
                throw new ArgumentException($"View '{view}' has {features.Count} feature matrices for {Corpus.Utterances.Count} utterances.");
        }
        var labelled = Corpus.Labelled(FineTuneLabels).ToList();
        var missing = FineTuneLabels.Classes.Where(c => labelled.All(l => FineTuneLabels.Classes[l.ClassIndex] != c)).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"The corpus has no utterances of class(es) {string.Join(", ", missing)} in label set '{FineTuneLabels.Name}'.");
    }
}

/// <summary>A corpus used only for pre-training, with every view's features aligned with its utterances.</summary>
public sealed record AdditionalPretraining(Corpus Corpus, IReadOnlyDictionary<string, IReadOnlyList<FeatureMatrix>> Features)
{
    public void Validate(ProtocolConfiguration configuration)
    {
        foreach (var view in configuration.Views)
        {
            if (!Features.TryGetValue(view, out var features))
                throw new ArgumentException($"The pre-training corpus '{Corpus.Name}' has no features for view '{view}'; extract it first.");
            if (features.Count != Corpus.Utterances.Count)
                throw new ArgumentException($"The pre-training corpus '{Corpus.Name}' has {features.Count} '{view}' feature matrices for {Corpus.Utterances.Count} utterances.");
        }
    }
}
