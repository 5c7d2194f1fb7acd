using PairwiseCL.Core.Views;

namespace PairwiseCL.Core.Training;

/// <summary>
/// Utterances seen through one or more views, aligned by index, with optional class labels (0..classes-1).
/// Feature lists may be lazy (e.g. read from a feature cache on access); nothing is copied until a batch
/// is built. Within a view every utterance has the same shape except along the frame axis (axis 1).
/// </summary>
public sealed class MultiViewDataset
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<FeatureMatrix>> views;
    private int[]? lengths;

    public MultiViewDataset(IReadOnlyDictionary<string, IReadOnlyList<FeatureMatrix>> views, IReadOnlyList<int>? labels = null)
    {
        if (views.Count == 0)
            throw new ArgumentException("A dataset needs at least one view.", nameof(views));
        var counts = views.Select(v => v.Value.Count).Distinct().ToArray();
        if (counts.Length != 1)
            throw new ArgumentException($"All views must hold the same utterances; counts are {string.Join(", ", views.Select(v => $"{v.Key}={v.Value.Count}"))}.", nameof(views));
        if (labels is not null && labels.Count != counts[0])
            throw new ArgumentException($"{labels.Count} labels for {counts[0]} utterances.", nameof(labels));
        if (labels is not null && labels.Any(l => l < 0))
            throw new ArgumentException("Labels must be class indices >= 0.", nameof(labels));
        this.views = views;
        Labels = labels;
        Count = counts[0];
    }

    public int Count { get; }

    public IReadOnlyList<string> Views => views.Keys.ToArray();

    public IReadOnlyList<int>? Labels { get; }

    public IReadOnlyList<FeatureMatrix> View(string view) =>
        views.TryGetValue(view, out var features) ? features : throw new ArgumentException($"The dataset has no '{view}' view; it has {string.Join(", ", views.Keys)}.", nameof(view));

    public int[] RequireLabels() =>
        Labels?.ToArray() ?? throw new InvalidOperationException("This dataset has no labels; fine-tuning needs labelled utterances.");

    /// <summary>The utterances at <paramref name="indices"/>, in that order (e.g. a fold or a label fraction).</summary>
    public MultiViewDataset Subset(IReadOnlyList<int> indices)
    {
        foreach (var index in indices)
            if (index < 0 || index >= Count)
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"Index outside 0..{Count - 1}.");
        return new MultiViewDataset(
            views.ToDictionary(v => v.Key, v => (IReadOnlyList<FeatureMatrix>)indices.Select(i => v.Value[i]).ToArray()),
            Labels is null ? null : indices.Select(i => Labels[i]).ToArray());
    }

    /// <summary>
    /// This dataset's utterances followed by <paramref name="other"/>'s (e.g. training plus validation for a
    /// refit); both must have the same views and both labels or neither.
    /// </summary>
    public MultiViewDataset Concat(MultiViewDataset other)
    {
        if (!views.Keys.Order().SequenceEqual(other.Views.Order()))
            throw new ArgumentException($"Views differ: {string.Join(", ", views.Keys)} and {string.Join(", ", other.Views)}.", nameof(other));
        if ((Labels is null) != (other.Labels is null))
            throw new ArgumentException("One dataset is labelled and the other is not.", nameof(other));
        return new MultiViewDataset(
            views.ToDictionary(v => v.Key, v => (IReadOnlyList<FeatureMatrix>)v.Value.Concat(other.View(v.Key)).ToArray()),
            Labels is null ? null : Labels.Concat(other.Labels!).ToArray());
    }

    /// <summary>
    /// Each utterance's length for bucketing: the sum of its valid frames over the views (every frame view
    /// grows with duration; utterance-level views add 1 to all).
    /// </summary>
    public int[] Lengths() => lengths ??= Enumerable.Range(0, Count).Select(i => views.Values.Sum(v => v[i].ValidFrames)).ToArray();

}
