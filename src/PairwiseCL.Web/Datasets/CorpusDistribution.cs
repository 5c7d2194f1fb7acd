using PairwiseCL.Core.Corpora;

namespace PairwiseCL.Web.Datasets;

/// <summary>
/// The counts behind the corpus page's charts: clips per label, and clips per session broken down by
/// label (labels in first-seen order; clips without a label counted as <see cref="Unlabelled"/>).
/// </summary>
public sealed record CorpusDistribution(
    IReadOnlyList<string> Labels,
    IReadOnlyList<int> ClipsPerLabel,
    IReadOnlyList<string> Sessions,
    IReadOnlyList<IReadOnlyList<int>> ClipsPerSessionByLabel)
{
    public const string Unlabelled = "(unlabelled)";

    public static CorpusDistribution Of(Corpus corpus)
    {
        var labels = corpus.Utterances.Select(LabelOf).Distinct().ToList();
        var sessions = corpus.Utterances.Select(u => u.Session).Distinct().Order(SessionOrder.Instance).ToList();
        var perLabel = labels.Select(l => corpus.Utterances.Count(u => LabelOf(u) == l)).ToList();
        var counts = corpus.Utterances.GroupBy(u => (u.Session, Label: LabelOf(u))).ToDictionary(g => g.Key, g => g.Count());
        var perSession = labels
            .Select(l => (IReadOnlyList<int>)sessions.Select(s => counts.GetValueOrDefault((s, l))).ToList())
            .ToList();
        return new CorpusDistribution(labels, perLabel, sessions, perSession);
    }

    private static string LabelOf(Utterance utterance) => utterance.Label ?? Unlabelled;
}
