using PairwiseCL.Core.Experiments;

namespace PairwiseCL.Core.Tests.Experiments;

public sealed class ResultWarningsTests
{
    private static RunResult Run(string method, double fraction, int repeat, int[][] confusion)
    {
        var recalls = confusion.Select((row, i) => row.Sum() == 0 ? 0.0 : (double)row[i] / row.Sum()).ToArray();
        return new RunResult("mel", method, fraction, 0, "s1", repeat, repeat, 0.5, method == MethodNames.Supervised ? "none" : "all",
            20, 20, recalls.Average(), 0, confusion, recalls, 5, 0.5, 1);
    }

    // Every clip predicted as class 0 ("anger" in the report): UAR 1/4, whatever the true class.
    private static readonly int[][] Collapsed = [[5, 0, 0, 0], [5, 0, 0, 0], [5, 0, 0, 0], [5, 0, 0, 0]];
    private static readonly int[][] Good = [[4, 1, 0, 0], [0, 5, 0, 0], [1, 0, 4, 0], [0, 0, 1, 4]];

    [Fact]
    public void CollapsedRunsAndIntervalsThatReachChanceAreFlagged_GoodOnesAreNot()
    {
        var runs = new List<RunResult>();
        for (var repeat = 0; repeat < 4; repeat++)
        {
            runs.Add(Run(MethodNames.Supervised, 25, repeat, Collapsed));
            runs.Add(Run(MethodNames.Supervised, 100, repeat, repeat == 0 ? Collapsed : Good));
            runs.Add(Run(MethodNames.PairwiseTuned, 25, repeat, Good));
        }
        var rows = ResultSummary.Summarise(runs);

        var warnings = ResultWarnings.Find(rows, runs, classes: 4);

        var at25 = Assert.Single(warnings, w => w.Method == MethodNames.Supervised && w.FractionPercent == 25);
        Assert.Equal(4, at25.SingleClassRuns);
        Assert.True(at25.CiIncludesChance);
        Assert.Equal(0.25, at25.Chance);
        Assert.Contains("4 of 4 runs predict a single class", at25.Message);
        Assert.Contains("includes chance (0.25)", at25.Message);
        var at100 = Assert.Single(warnings, w => w.FractionPercent == 100);
        Assert.Equal(1, at100.SingleClassRuns);
        Assert.DoesNotContain(warnings, w => w.Method == MethodNames.PairwiseTuned);
    }

    [Fact]
    public void AnIntervalIncludesChanceOnlyWhenItReachesOneOverClasses()
    {
        var row = new SummaryRow("mel", MethodNames.Supervised, 10, 0.30, 0.06, 0.3, 0.06, 12, double.NaN, "");

        Assert.True(ResultWarnings.IncludesChance(row, ResultWarnings.Chance(4)));
        Assert.False(ResultWarnings.IncludesChance(row with { UarCi95 = 0.04 }, ResultWarnings.Chance(4)));
        Assert.False(ResultWarnings.IncludesChance(row, ResultWarnings.Chance(2)));
        Assert.True(ResultWarnings.PredictsOneClass(Run(MethodNames.Supervised, 10, 0, Collapsed)));
        Assert.False(ResultWarnings.PredictsOneClass(Run(MethodNames.Supervised, 10, 0, Good)));
    }
}
