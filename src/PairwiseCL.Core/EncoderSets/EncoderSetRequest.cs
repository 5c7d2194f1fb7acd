using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;

namespace PairwiseCL.Core.EncoderSets;

/// <summary>A corpus an encoder set trains on, identified by its name and the hash of its utterance ids.</summary>
public sealed record TrainingCorpus(string Name, int Utterances, string UtteranceHash)
{
    /// <summary>The corpus as an encoder set records it: every utterance it has (labels play no part).</summary>
    public static TrainingCorpus Of(Corpora.Corpus corpus) => Of(corpus.Name, [.. corpus.Utterances.Select(u => u.Id)]);

    /// <summary>The same from the corpus's name and utterance ids in corpus order, without loading the utterances themselves.</summary>
    public static TrainingCorpus Of(string name, IReadOnlyList<string> utteranceIds) =>
        new(name, utteranceIds.Count, EncoderSetRequest.HashOfUtterances(utteranceIds));

    /// <summary>True when <paramref name="corpus"/> is this one: same name and same utterances.</summary>
    public bool Is(Corpora.Corpus corpus) => this == Of(corpus);
}

/// <summary>
/// What an encoder set is trained from: the views (with their feature configuration keys, so features computed
/// differently never meet these encoders), the corpora (every utterance, labels ignored), the pre-training
/// settings and the architecture. Two identical requests give the same <see cref="Hash"/>, and the stored set is reused.
/// </summary>
public sealed record EncoderSetRequest(
    IReadOnlyList<string> Views,
    IReadOnlyDictionary<string, string> ViewConfigurationKeys,
    IReadOnlyList<TrainingCorpus> Corpora,
    PretrainingConfig Pretraining,
    ModelArchitecture Architecture)
{
    /// <summary>The share of utterances held out for early stopping on the contrastive loss.</summary>
    public const double ValidationShare = 0.1;

    public string Hash => ConfigurationHash.Of(new
    {
        views = Views, keys = Views.Select(v => ViewConfigurationKeys.GetValueOrDefault(v, "")).ToArray(),
        corpora = Corpora, pretraining = Pretraining, architecture = Architecture,
    });

    /// <summary>Every problem with the request, in plain words; empty when it can run.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Views.Count < 2) problems.Add($"Pairwise-CL pre-training needs at least two views; {Views.Count} given.");
        if (Views.Distinct().Count() != Views.Count) problems.Add($"The views repeat: {string.Join(", ", Views)}.");
        if (Corpora.Count == 0) problems.Add("Name at least one corpus to pre-train on.");
        var total = Corpora.Sum(c => c.Utterances);
        if (Corpora.Count > 0 && total < 20) problems.Add($"Pre-training needs at least 20 utterances; the corpora hold {total}.");
        if (!(Pretraining.Temperature > 0 && Pretraining.Temperature <= 10))
            problems.Add($"The temperature must lie in (0, 10]; {Pretraining.Temperature} given.");
        if (Pretraining.MaxEpochs is < 1 or > 10_000) problems.Add($"Epochs must be between 1 and 10000; {Pretraining.MaxEpochs} given.");
        return problems;
    }

    /// <summary>The id hash a <see cref="TrainingCorpus"/> carries: order-independent over the utterance ids.</summary>
    public static string HashOfUtterances(IEnumerable<string> ids) =>
        ConfigurationHash.Of(ids.Order(StringComparer.Ordinal).ToArray());
}
