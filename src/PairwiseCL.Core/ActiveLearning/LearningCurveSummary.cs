using PairwiseCL.Core.Evaluation;

namespace PairwiseCL.Core.ActiveLearning;

/// <summary>Mean UAR with its 95 % CI over the simulated loops (folds × repeats) at one labelled count.</summary>
public sealed record CurveSummaryRow(string View, string Strategy, int Labelled, double UarMean, double UarCi95, int Runs);

/// <summary>
/// Area under one learning curve, normalised to [0, 1] (the mean UAR over the counts, which are evenly spaced),
/// averaged over the simulated loops with its 95 % CI; and the fewest labels whose mean UAR reaches the reference's at
/// the largest count (null when never reached). <see cref="DeltaMean"/> is the paired difference of areas from the
/// reference's loop on the same fold and repeat (a deterministic strategy's one loop per fold is paired with every
/// repeat of the reference), with its 95 % CI: pairing removes the large fold-to-fold spread that both share.
/// </summary>
public sealed record CurveAreaRow(string View, string Strategy, double AulcMean, double AulcCi95, int Curves, int? LabelsToReachReference,
    double DeltaMean, double DeltaCi95);

/// <summary>Learning curves from simulated loops, the way a report and README show them.</summary>
public static class LearningCurveSummary
{
    public static IReadOnlyList<CurveSummaryRow> Curves(IReadOnlyList<CurveRun> runs) =>
        runs.GroupBy(r => (r.View, r.Strategy, r.Labelled))
            .Select(g =>
            {
                var ci = MeanConfidence.Of(g.Select(r => r.Uar).ToList());
                return new CurveSummaryRow(g.Key.View, g.Key.Strategy, g.Key.Labelled, ci.Mean, ci.HalfWidth, ci.Count);
            })
            .OrderBy(r => r.View, StringComparer.Ordinal).ThenBy(r => r.Strategy, StringComparer.Ordinal).ThenBy(r => r.Labelled)
            .ToList();

    public static IReadOnlyList<CurveAreaRow> Areas(IReadOnlyList<CurveRun> runs, string reference)
    {
        var curves = Curves(runs);
        return runs.GroupBy(r => (r.View, r.Strategy))
            .Select(g =>
            {
                var areas = LoopAreas(g).Values.ToList();
                var ci = MeanConfidence.Of(areas);
                var target = curves.Where(c => c.View == g.Key.View && c.Strategy == reference).MaxBy(c => c.Labelled)?.UarMean;
                var reached = target is { } t
                    ? curves.Where(c => c.View == g.Key.View && c.Strategy == g.Key.Strategy && c.UarMean >= t).Select(c => (int?)c.Labelled).Min()
                    : null;
                var referenceAreas = LoopAreas(runs.Where(r => r.View == g.Key.View && r.Strategy == reference));
                var ownAreas = LoopAreas(g);
                var deltas = referenceAreas.Select(kv => ownAreas.TryGetValue(kv.Key, out var own) || ownAreas.TryGetValue((kv.Key.Fold, 0), out own)
                    ? own - kv.Value : double.NaN).Where(double.IsFinite).ToList();
                var delta = deltas.Count > 0 ? MeanConfidence.Of(deltas) : new MeanConfidence(double.NaN, double.NaN, 0, 0.95);
                return new CurveAreaRow(g.Key.View, g.Key.Strategy, ci.Mean, ci.HalfWidth, ci.Count, reached, delta.Mean, delta.HalfWidth);
            })
            .OrderBy(r => r.View, StringComparer.Ordinal).ThenByDescending(r => r.AulcMean)
            .ToList();
    }

    /// <summary>The normalised area of each loop (fold, repeat): its mean UAR over the counts, which are evenly spaced.</summary>
    private static Dictionary<(int Fold, int Repeat), double> LoopAreas(IEnumerable<CurveRun> runs) =>
        runs.GroupBy(r => (r.Fold, r.Repeat)).ToDictionary(c => c.Key, c => c.Average(r => r.Uar));
}
