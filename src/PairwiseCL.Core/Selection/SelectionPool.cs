namespace PairwiseCL.Core.Selection;

/// <summary>
/// What a selection strategy sees: one representation per clip (e.g. an encoder set's 128-d output), the
/// labels known so far (null where a clip is unlabelled), the class names, and optionally a group per clip
/// (the speaker) for strategies that spread their picks over groups.
/// </summary>
public sealed record SelectionPool
{
    public SelectionPool(IReadOnlyList<double[]> points, IReadOnlyList<int?> labels, IReadOnlyList<string> classNames,
        IReadOnlyList<string>? groups = null)
    {
        if (points.Count != labels.Count)
            throw new ArgumentException($"{points.Count} representations but {labels.Count} label slots.", nameof(labels));
        if (groups is not null && groups.Count != points.Count)
            throw new ArgumentException($"{points.Count} representations but {groups.Count} groups.", nameof(groups));
        if (classNames.Count < 2) throw new ArgumentException("A pool needs at least two class names.", nameof(classNames));
        var dimension = points.Count > 0 ? points[0].Length : 0;
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Length != dimension)
                throw new ArgumentException($"Representation {i} has {points[i].Length} values; the first has {dimension}.", nameof(points));
            if (points[i].Any(v => !double.IsFinite(v)))
                throw new ArgumentException($"Representation {i} holds a value that is not finite.", nameof(points));
            if (labels[i] is { } label && (label < 0 || label >= classNames.Count))
                throw new ArgumentException($"Clip {i} has label {label}, outside [0, {classNames.Count}).", nameof(labels));
        }
        Points = points;
        Labels = labels;
        ClassNames = classNames;
        Groups = groups;
    }

    public IReadOnlyList<double[]> Points { get; }

    public IReadOnlyList<int?> Labels { get; }

    public IReadOnlyList<string> ClassNames { get; }

    public IReadOnlyList<string>? Groups { get; }

    public int Count => Points.Count;

    public IEnumerable<int> Labelled => Enumerable.Range(0, Count).Where(i => Labels[i] is not null);

    public IEnumerable<int> Unlabelled => Enumerable.Range(0, Count).Where(i => Labels[i] is null);

    /// <summary>Whether the labels seen so far span two classes, the least a classifier can be trained on.</summary>
    public bool CanTrainClassifier => Labelled.Select(i => Labels[i]!.Value).Distinct().Skip(1).Any();

    /// <summary>A softmax regression on the labelled clips (callers check <see cref="CanTrainClassifier"/>).</summary>
    public SoftmaxRegression TrainClassifier()
    {
        var labelled = Labelled.ToArray();
        return SoftmaxRegression.Fit(labelled.Select(i => Points[i]).ToArray(), labelled.Select(i => Labels[i]!.Value).ToArray(), ClassNames.Count);
    }
}

/// <summary>One clip chosen for labelling, with the reason shown to the annotator (e.g. "model unsure: anger 0.41, neutral 0.38").</summary>
public sealed record SelectionPick(int Index, string Reason);

/// <summary>Chooses which unlabelled clips of a pool to label next, best first.</summary>
public interface ISelectionStrategy
{
    /// <summary>The strategy's name as settings, label events and reports store it.</summary>
    string Name { get; }

    /// <returns>Up to <paramref name="count"/> distinct unlabelled clips, in the order to label them.</returns>
    IReadOnlyList<SelectionPick> Select(SelectionPool pool, int count, CancellationToken cancellationToken = default);
}
