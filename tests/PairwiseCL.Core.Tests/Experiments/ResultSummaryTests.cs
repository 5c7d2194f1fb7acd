using System.Text.Json;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Experiments;

public sealed class ResultSummaryTests
{
    [Fact]
    public void SummaryRowsCarryTheReferenceMeansIntervalsAndMannWhitneyP()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(SharedData.Reference("stats", "mann_whitney_and_ci.json")));
        foreach (var reference in json.RootElement.GetProperty("cases").EnumerateArray())
        {
            var pretrained = reference.GetProperty("x").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var supervised = reference.GetProperty("y").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var runs = pretrained.Select((u, i) => Run(MethodNames.PairwiseTuned, 10, i, u))
                .Concat(supervised.Select((u, i) => Run(MethodNames.Supervised, 10, i, u)));

            var rows = ResultSummary.Summarise(runs);
            var tuned = rows.Single(r => r.Method == MethodNames.PairwiseTuned);
            var baseline = rows.Single(r => r.Method == MethodNames.Supervised);
            var note = reference.GetProperty("note").GetString();

            Assert.True(Math.Abs(reference.GetProperty("mean_x").GetDouble() - tuned.UarMean) < 1e-12, note);
            Assert.True(Math.Abs(reference.GetProperty("ci95_halfwidth_x").GetDouble() - tuned.UarCi95) < 1e-9, note);
            Assert.True(Math.Abs(reference.GetProperty("mean_y").GetDouble() - baseline.UarMean) < 1e-12, note);
            Assert.True(Math.Abs(reference.GetProperty("p_two_sided_auto").GetDouble() - tuned.PValueVsSupervised) < 1e-9, note);
            Assert.Equal(tuned.PValueVsSupervised < 0.05 ? "*" : "ns", tuned.Significance);
            Assert.True(double.IsNaN(baseline.PValueVsSupervised));
            Assert.Equal(pretrained.Length, tuned.Runs);
        }
    }

    [Fact]
    public void RowsAreGroupedByViewMethodAndFractionInPaperOrder()
    {
        var runs = new[]
        {
            Run(MethodNames.PairwiseFrozen, 25, 0, 0.5), Run(MethodNames.Supervised, 25, 0, 0.4),
            Run(MethodNames.PairwiseTuned, 2, 0, 0.3), Run(MethodNames.Supervised, 2, 0, 0.2),
            Run(MethodNames.PairwiseTuned, 25, 0, 0.6), Run(MethodNames.Supervised, 2, 1, 0.25),
        };
        var rows = ResultSummary.Summarise(runs);
        Assert.Equal(
            new[] { (2.0, MethodNames.Supervised), (2.0, MethodNames.PairwiseTuned), (25.0, MethodNames.Supervised), (25.0, MethodNames.PairwiseTuned), (25.0, MethodNames.PairwiseFrozen) },
            rows.Select(r => (r.FractionPercent, r.Method)).ToArray());
        Assert.Equal(0.225, rows[0].UarMean, 12);
        Assert.Equal(2, rows[0].Runs);
    }

    [Fact]
    public void AverageRanksPutTheBestMethodFirstAndShareTies()
    {
        var rows = new[]
        {
            Row(MethodNames.Supervised, 2, 0.40), Row(MethodNames.PairwiseTuned, 2, 0.50), Row(MethodNames.PairwiseFrozen, 2, 0.45),
            Row(MethodNames.Supervised, 5, 0.50), Row(MethodNames.PairwiseTuned, 5, 0.50), Row(MethodNames.PairwiseFrozen, 5, 0.40),
        };
        var ranks = ResultSummary.AverageMethodRanks(rows);
        Assert.Equal((3 + 1.5) / 2, ranks[MethodNames.Supervised], 12);
        Assert.Equal((1 + 1.5) / 2, ranks[MethodNames.PairwiseTuned], 12);
        Assert.Equal((2 + 3) / 2.0, ranks[MethodNames.PairwiseFrozen], 12);
    }

    private static RunResult Run(string method, double fraction, int repeat, double uar) =>
        new("egemaps", method, fraction, 0, "03", repeat, repeat, 0.5, method == MethodNames.Supervised ? "none" : "all",
            10, 10, uar, uar, [[1]], [uar], 5, uar, 0.1);

    private static SummaryRow Row(string method, double fraction, double uar) =>
        new("mel", method, fraction, uar, 0, uar, 0, 1, double.NaN, "");
}
