using PairwiseCL.Core.Evaluation;

namespace PairwiseCL.Core.Tests.Evaluation;

public sealed class MethodSummaryTests
{
    [Fact]
    public void SummarisesUarAndWaOverRunsWithTIntervals()
    {
        var summary = MethodSummary.Of([Run(0.5, 0.6), Run(0.6, 0.7), Run(0.7, 0.8)]);

        // Three values 0.1 apart: s = 0.1, t(0.975, 2) = 4.302652729911275, half-width = t · 0.1 / √3.
        Assert.Equal(3, summary.Runs);
        Assert.Equal(0.6, summary.Uar.Mean, 12);
        Assert.Equal(0.7, summary.Wa.Mean, 12);
        Assert.Equal(4.302652729911275 * 0.1 / Math.Sqrt(3), summary.Uar.HalfWidth, 9);
        Assert.Null(summary.VersusSupervised);
        Assert.Null(summary.SignificanceMark);
    }

    [Fact]
    public void ComparesUarWithTheSupervisedBaseline()
    {
        // The reference's "small unequal groups" case (SciPy exact p = 0.0025252525...).
        double[] supervised = [0.6055, 0.6032, 0.5387, 0.6038, 0.6679];
        double[] pretrained = [0.3226, 0.443, 0.406, 0.3679, 0.5, 0.4381, 0.34];

        var summary = MethodSummary.Of(pretrained.Select(u => Run(u, u)).ToArray(), supervised.Select(u => Run(u, u)).ToArray());

        Assert.Equal(0.0025252525252525255, summary.VersusSupervised!.PValue, 12);
        Assert.Equal("*", summary.SignificanceMark);
    }

    private static ClassificationMetrics Run(double uar, double wa) => new(uar, wa, new int[2, 2], [uar, uar]);
}
