using PairwiseCL.Core.Corpora;

namespace PairwiseCL.Web.Labelling;

/// <summary>How far labelling has come under a label set: clips with a label in the set, of all clips, and per class.</summary>
public sealed record LabellingProgress(int Labelled, int Total, IReadOnlyList<(string Class, int Count)> PerClass)
{
    public double Percent => Total == 0 ? 0 : 100.0 * Labelled / Total;

    public static LabellingProgress Of(IReadOnlyList<QueueItem> items, LabelSet? labelSet)
    {
        if (labelSet is null) return new LabellingProgress(0, items.Count, []);
        var counts = labelSet.Classes.ToDictionary(c => c, _ => 0, StringComparer.Ordinal);
        foreach (var item in items)
            if (labelSet.Map(item.Label) is { } mapped) counts[mapped]++;
        return new LabellingProgress(counts.Values.Sum(), items.Count, labelSet.Classes.Select(c => (c, counts[c])).ToList());
    }
}
