using PairwiseCL.Core.Evaluation;

namespace PairwiseCL.Core.Tests.Evaluation;

public sealed class StatisticsBehaviourTests
{
    [Theory]
    [InlineData(0.049, "*")]
    [InlineData(0.0001, "*")]
    [InlineData(0.05, "ns")]
    [InlineData(0.6, "ns")]
    public void SignificanceMarkIsAStarBelowAlpha(double p, string mark) =>
        Assert.Equal(mark, Significance.Mark(p));

    [Fact]
    public void SignificanceRejectsAnImpossiblePValue() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Significance.Mark(1.5));

    [Fact]
    public void AverageRanksRankTheHighestScoreFirstAndShareTies()
    {
        // Rows: methods A, B, C. Columns: three configurations.
        double[,] scores =
        {
            { 0.60, 0.50, 0.70 }, // ranks 1, 1.5, 3
            { 0.55, 0.50, 0.80 }, // ranks 2, 1.5, 1
            { 0.40, 0.30, 0.75 }, // ranks 3, 3,   2
        };
        var ranks = AverageRanks.Compute(scores);
        Assert.Equal(5.5 / 3, ranks[0], 12);
        Assert.Equal(4.5 / 3, ranks[1], 12);
        Assert.Equal(8.0 / 3, ranks[2], 12);
    }

    [Fact]
    public void ASingleValueHasNoConfidenceInterval()
    {
        var single = MeanConfidence.Of([0.7]);
        Assert.Equal(0.7, single.Mean);
        Assert.True(double.IsNaN(single.HalfWidth));
    }

    [Fact]
    public void ExactPValueOfCompletelySeparatedSmallGroupsIsTwoOverTheOrderings()
    {
        // x above all of y with n1 = 3, n2 = 4: only 1 of C(7, 3) = 35 orderings is as extreme per side.
        var result = MannWhitneyU.Test([5.0, 6, 7], [1.0, 2, 3, 4]);
        Assert.Equal(MannWhitneyMethod.Exact, result.Method);
        Assert.Equal(12, result.U);
        Assert.Equal(2.0 / 35, result.PValue, 12);
    }
}
