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

    /// <summary>A y-axis step that gives about five grid lines for the tallest bar of either chart.</summary>
    public int AxisStep
    {
        get
        {
            var perSession = Sessions.Select((_, s) => ClipsPerSessionByLabel.Sum(l => l[s]));
            var tallest = ClipsPerLabel.Concat(perSession).DefaultIfEmpty(0).Max();
            return Math.Max(1, (int)Math.Ceiling(tallest / 5.0));
        }
    }

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
