namespace PairwiseCL.Core.Evaluation;

/// <summary>
/// One row of the protocol's summary (a view, method and label fraction): mean UAR and WA over all folds
/// and repeats with 95% t intervals, and — for a pre-trained method — the two-sided Mann-Whitney U test of
/// its UARs against the supervised baseline's with the paper's significance mark.
/// </summary>
public sealed record MethodSummary(MeanConfidence Uar, MeanConfidence Wa, MannWhitneyResult? VersusSupervised)
{
    public int Runs => Uar.Count;

    /// <summary>"*" or "ns" against the supervised baseline; null for the baseline itself.</summary>
    public string? SignificanceMark => VersusSupervised is null ? null : Significance.Mark(VersusSupervised.PValue);

    /// <param name="runs">The method's results, one per fold and repeat.</param>
    /// <param name="supervisedRuns">The supervised baseline's results under the same folds and repeats;
    /// null when this row is the baseline.</param>
    public static MethodSummary Of(IReadOnlyList<ClassificationMetrics> runs, IReadOnlyList<ClassificationMetrics>? supervisedRuns = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) throw new ArgumentException("A summary needs at least one run.", nameof(runs));
        var uars = runs.Select(r => r.Uar).ToArray();
        var versus = supervisedRuns is null ? null : MannWhitneyU.Test(supervisedRuns.Select(r => r.Uar).ToArray(), uars);
        return new MethodSummary(MeanConfidence.Of(uars), MeanConfidence.Of(runs.Select(r => r.Wa).ToArray()), versus);
    }
}
