using PairwiseCL.Core.Evaluation;
using PairwiseCL.Core.Selection;

namespace PairwiseCL.Core.ActiveLearning;

/// <summary>UAR on the test clips after a number of labelled pool clips.</summary>
public sealed record CurvePoint(int Labelled, double Uar);

/// <summary>
/// The labelling loop with the pool's labels hidden: each round the strategy picks up to <c>roundSize</c> unlabelled
/// clips, their labels are revealed, a softmax regression is trained on every revealed clip and scored on the
/// test clips. Until two classes are revealed no classifier exists and the score is that of predicting the one
/// class seen (UAR = 1 / classes), which is what a lab would get from that model.
/// </summary>
public static class LearningCurveSimulator
{
    public static IReadOnlyList<CurvePoint> Simulate(RepresentedClips pool, RepresentedClips test, IReadOnlyList<string> classNames,
        ISelectionStrategy strategy, int roundSize, int budget, CancellationToken cancellationToken = default)
    {
        if (roundSize < 1) throw new ArgumentOutOfRangeException(nameof(roundSize), roundSize, "A round labels at least one clip.");
        var revealed = new int?[pool.Count];
        var labelled = new List<int>();
        var curve = new List<CurvePoint>();
        var target = Math.Min(budget, pool.Count);
        while (labelled.Count < target)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var view = new SelectionPool(pool.Points, revealed, classNames, pool.Speakers);
            var picks = strategy.Select(view, Math.Min(roundSize, target - labelled.Count), cancellationToken);
            if (picks.Count == 0)
                throw new InvalidOperationException($"Strategy '{strategy.Name}' picked nothing with {pool.Count - labelled.Count} clips unlabelled.");
            foreach (var pick in picks)
            {
                if (revealed[pick.Index] is not null)
                    throw new InvalidOperationException($"Strategy '{strategy.Name}' picked clip {pick.Index}, which is already labelled.");
                revealed[pick.Index] = pool.Labels[pick.Index];
                labelled.Add(pick.Index);
            }
            curve.Add(new CurvePoint(labelled.Count, Score(pool, labelled, test, classNames.Count)));
        }
        return curve;
    }

    /// <summary>UAR on <paramref name="test"/> of a softmax regression trained on the pool clips <paramref name="labelled"/>.</summary>
    public static double Score(RepresentedClips pool, IReadOnlyList<int> labelled, RepresentedClips test, int classCount)
    {
        if (labelled.Count == 0) throw new ArgumentException("Nothing is labelled.", nameof(labelled));
        var classes = labelled.Select(i => pool.Labels[i]).Distinct().ToArray();
        int[] predicted;
        if (classes.Length < 2)
            predicted = Enumerable.Repeat(classes[0], test.Count).ToArray();
        else
        {
            var model = SoftmaxRegression.Fit(labelled.Select(i => pool.Points[i]).ToArray(), labelled.Select(i => pool.Labels[i]).ToArray(), classCount);
            predicted = test.Points.Select(model.Predict).ToArray();
        }
        return ClassificationMetrics.Compute(test.Labels, predicted, classCount).Uar;
    }
}
