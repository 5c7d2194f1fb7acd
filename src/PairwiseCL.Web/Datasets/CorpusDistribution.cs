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

    /// <summary>Classes with at least one clip (the unlabelled and out-of-set bars are not classes).</summary>
    public int ClassCount => Labels.Where((l, i) => ClipsPerLabel[i] > 0 && !l.StartsWith('(')).Count();

    /// <summary>
    /// Counts under <paramref name="labelSet"/> (after its merges; labels outside it as "(not in ...)"), as the
    /// labelling page counts; by recorded label when null.
    /// </summary>
    public static CorpusDistribution Of(Corpus corpus, LabelSet? labelSet = null)
    {
        string LabelOf(Utterance u) => ShownLabel(u, labelSet);
        var labels = corpus.Utterances.Select(LabelOf).Distinct().ToList();
        var sessions = corpus.Utterances.Select(u => u.Session).Distinct().Order(SessionOrder.Instance).ToList();
        var perLabel = labels.Select(l => corpus.Utterances.Count(u => LabelOf(u) == l)).ToList();
        var counts = corpus.Utterances.GroupBy(u => (u.Session, Label: LabelOf(u))).ToDictionary(g => g.Key, g => g.Count());
        var perSession = labels
            .Select(l => (IReadOnlyList<int>)sessions.Select(s => counts.GetValueOrDefault((s, l))).ToList())
            .ToList();
        return new CorpusDistribution(labels, perLabel, sessions, perSession);
    }

    /// <summary>The label a page shows for a clip under a label set (or its recorded label without one).</summary>
    public static string ShownLabel(Utterance utterance, LabelSet? labelSet) =>
        utterance.Label is null ? Unlabelled
        : labelSet is null ? utterance.Label
        : labelSet.Map(utterance.Label) ?? $"(not in {labelSet.Name})";
}
