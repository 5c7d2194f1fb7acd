namespace PairwiseCL.Core.Selection;

public enum UncertaintyMeasure
{
    /// <summary>Smallest gap between the two most probable classes (Scheffer et al., 2001).</summary>
    Margin,

    /// <summary>Largest entropy of the predicted distribution (Settles, "Active Learning Literature Survey", 2009).</summary>
    Entropy,
}

/// <summary>
/// Uncertainty sampling: a softmax regression is trained on the clips labelled so far (frozen representations)
/// and the clips it is least sure about come first. Before two classes have labels there is no model, so it
/// falls back to k-center greedy diversity and says so in the reason.
/// </summary>
public sealed class UncertaintySelection(UncertaintyMeasure measure = UncertaintyMeasure.Margin) : ISelectionStrategy
{
    public string Name => measure == UncertaintyMeasure.Margin ? "uncertainty-margin" : "uncertainty-entropy";

    public IReadOnlyList<SelectionPick> Select(SelectionPool pool, int count, CancellationToken cancellationToken = default)
    {
        if (!pool.CanTrainClassifier)
            return new KCenterGreedySelection().Select(pool, count, cancellationToken)
                .Select(p => p with { Reason = $"no model yet (fewer than two classes labelled): {p.Reason}" }).ToList();
        var model = pool.TrainClassifier();
        cancellationToken.ThrowIfCancellationRequested();
        return pool.Unlabelled
            .Select(i => (Index: i, Probabilities: model.Probabilities(pool.Points[i])))
            .Select(x => (x.Index, x.Probabilities, Uncertainty: Uncertainty(x.Probabilities)))
            .OrderByDescending(x => x.Uncertainty).ThenBy(x => x.Index)
            .Take(Math.Max(0, count))
            .Select(x => new SelectionPick(x.Index, "model unsure: " + DescribeTopTwo(x.Probabilities, pool.ClassNames)))
            .ToList();
    }

    /// <summary>Larger means less sure, for both measures.</summary>
    internal double Uncertainty(double[] probabilities)
    {
        if (measure == UncertaintyMeasure.Entropy)
            return -probabilities.Where(p => p > 0).Sum(p => p * Math.Log(p));
        var (first, second) = TopTwo(probabilities);
        return -(probabilities[first] - probabilities[second]);
    }

    internal static (int First, int Second) TopTwo(double[] probabilities)
    {
        int first = 0, second = 1;
        if (probabilities[second] > probabilities[first]) (first, second) = (second, first);
        for (var c = 2; c < probabilities.Length; c++)
        {
            if (probabilities[c] > probabilities[first]) (second, first) = (first, c);
            else if (probabilities[c] > probabilities[second]) second = c;
        }
        return (first, second);
    }

    internal static string DescribeTopTwo(double[] probabilities, IReadOnlyList<string> classNames)
    {
        var (first, second) = TopTwo(probabilities);
        return $"{classNames[first]} {probabilities[first]:0.00}, {classNames[second]} {probabilities[second]:0.00}";
    }
}
