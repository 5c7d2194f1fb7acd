using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;

namespace PairwiseCL.Core.Experiments;

/// <summary>One fold's utterances arranged the ways the protocol needs them, with their features.</summary>
internal sealed class FoldData(Fold fold, ProtocolInput input, IReadOnlyDictionary<string, int> index)
{
    public Fold Fold => fold;
    public ProtocolInput Input => input;

    public IReadOnlyList<(Utterance Utterance, int ClassIndex)> LabelledTrain { get; } = Labelled(fold.Train, input.FineTuneLabels);
    public IReadOnlyList<(Utterance Utterance, int ClassIndex)> LabelledValidation { get; } = Labelled(fold.Validation, input.FineTuneLabels);
    public IReadOnlyList<(Utterance Utterance, int ClassIndex)> LabelledTest { get; } = Labelled(fold.Test, input.FineTuneLabels);

    public FeatureMatrix FeaturesOf(Utterance utterance, string view) => input.Features[view][index[utterance.Id]];

    /// <summary>
    /// Pre-training data of the fold's training and validation sessions: "all" utterances (labelled or not),
    /// only the "target" emotions of the fine-tuning label set, or only the "other" labelled emotions.
    /// </summary>
    public (IReadOnlyList<Utterance> Train, IReadOnlyList<Utterance> Validation) PretrainingSets(string set)
    {
        var labels = input.FineTuneLabels;
        Func<Utterance, bool> keep = set switch
        {
            "all" => _ => true,
            "target" => u => labels.ClassIndexOf(u) >= 0,
            "other" => u => u.Label is not null && labels.Map(u.Label) is null,
            _ => throw new ArgumentException($"Unknown pre-training set '{set}'.", nameof(set)),
        };
        return (fold.Train.Where(keep).ToList(), fold.Validation.Where(keep).ToList());
    }

    public MultiViewDataset Dataset(IReadOnlyList<Utterance> utterances, IReadOnlyList<string> views) =>
        new(views.ToDictionary(v => v, v => (IReadOnlyList<FeatureMatrix>)utterances.Select(u => FeaturesOf(u, v)).ToList()));

    /// <summary>
    /// The pre-training training data of a set: the fold's training sessions, plus, for "all", every utterance of
    /// the additional pre-training corpus.
    /// </summary>
    public MultiViewDataset PretrainingDataset(IReadOnlyList<Utterance> foldTrain, string set, IReadOnlyList<string> views)
    {
        var extra = set == "all" ? input.AdditionalPretraining : null;
        return new(views.ToDictionary(v => v, v => (IReadOnlyList<FeatureMatrix>)foldTrain.Select(u => FeaturesOf(u, v))
            .Concat(extra?.Features[v] ?? []).ToList()));
    }

    public MultiViewDataset Labelled(IReadOnlyList<(Utterance Utterance, int ClassIndex)> items, string view) =>
        new(new Dictionary<string, IReadOnlyList<FeatureMatrix>> { [view] = items.Select(i => FeaturesOf(i.Utterance, view)).ToList() },
            items.Select(i => i.ClassIndex).ToList());

    private static IReadOnlyList<(Utterance, int)> Labelled(IEnumerable<Utterance> utterances, LabelSet labels) =>
        utterances.Select(u => (u, labels.ClassIndexOf(u))).Where(x => x.Item2 >= 0).ToList();
}
