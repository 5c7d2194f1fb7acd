using System.Text.Json;
using PairwiseCL.Core.Evaluation;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Evaluation;

/// <summary>Every case of data/reference/stats/mann_whitney_and_ci.json (SciPy 1.10).</summary>
public sealed class StatisticsReferenceTests
{
    public sealed record Case(
        string Note, double[] X, double[] Y,
        double UAsymptotic, double PTwoSidedAsymptotic, double UExact, double PTwoSidedExact, double PTwoSidedAuto,
        double MeanX, double Ci95HalfwidthX, double MeanY, double Ci95HalfwidthY)
    {
        public override string ToString() => Note;

        public bool HasTies => X.Concat(Y).Distinct().Count() < X.Length + Y.Length;
    }

    public static TheoryData<Case> Cases()
    {
        var json = File.ReadAllText(SharedData.Reference("stats", "mann_whitney_and_ci.json"));
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        var cases = JsonDocument.Parse(json).RootElement.GetProperty("cases").Deserialize<Case[]>(options)!;
        var data = new TheoryData<Case>();
        foreach (var c in cases) data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AsymptoticTestMatchesScipy(Case c)
    {
        var result = MannWhitneyU.Test(c.X, c.Y, MannWhitneyMethod.Asymptotic);
        Assert.Equal(c.UAsymptotic, result.U, 9);
        AssertClose(c.PTwoSidedAsymptotic, result.PValue);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AutomaticChoiceMatchesScipy(Case c)
    {
        var result = MannWhitneyU.Test(c.X, c.Y);
        AssertClose(c.PTwoSidedAuto, result.PValue);
        var exactExpected = c.X.Length < 8 && c.Y.Length < 8 && !c.HasTies;
        Assert.Equal(exactExpected ? MannWhitneyMethod.Exact : MannWhitneyMethod.Asymptotic, result.Method);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExactTestMatchesScipyWhereNothingIsTied(Case c)
    {
        if (c.HasTies)
        {
            // The exact null distribution assumes distinct values; we refuse rather than mislead.
            Assert.Throws<ArgumentException>(() => MannWhitneyU.Test(c.X, c.Y, MannWhitneyMethod.Exact));
            return;
        }
        var result = MannWhitneyU.Test(c.X, c.Y, MannWhitneyMethod.Exact);
        Assert.Equal(c.UExact, result.U, 9);
        AssertClose(c.PTwoSidedExact, result.PValue);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MeanAndStudentTHalfWidthMatchScipy(Case c)
    {
        var x = MeanConfidence.Of(c.X);
        var y = MeanConfidence.Of(c.Y);
        AssertClose(c.MeanX, x.Mean);
        AssertClose(c.MeanY, y.Mean);
        AssertClose(c.Ci95HalfwidthX, x.HalfWidth);
        AssertClose(c.Ci95HalfwidthY, y.HalfWidth);
    }

    private static void AssertClose(double expected, double actual)
    {
        var tolerance = 1e-12 + 1e-9 * Math.Abs(expected);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected:R}, got {actual:R}");
    }
}
