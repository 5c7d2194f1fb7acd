using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace PairwiseCL.Core.Evaluation;

/// <summary>
/// Two-sided Mann-Whitney U test as SciPy computes it (the reference in
/// data/reference/stats): U of x from its rank sum, p = 2 P(U' >= max(U, n1 n2 - U)) under the exact
/// null distribution, or the normal approximation with tie-corrected variance and continuity correction.
/// </summary>
public static class MannWhitneyU
{
    /// <summary>Below this size (for both groups, without ties) Auto uses the exact distribution.</summary>
    public const int ExactBelow = 8;

    public static MannWhitneyResult Test(
        IReadOnlyList<double> x, IReadOnlyList<double> y, MannWhitneyMethod method = MannWhitneyMethod.Auto)
    {
        Validate(x, nameof(x));
        Validate(y, nameof(y));
        int n1 = x.Count, n2 = y.Count;
        var ranks = Statistics.Ranks(x.Concat(y), RankDefinition.Average);
        double rankSumX = 0;
        for (var i = 0; i < n1; i++) rankSumX += ranks[i];
        var u1 = rankSumX - n1 * (n1 + 1) / 2.0;
        var uLarger = Math.Max(u1, (double)n1 * n2 - u1);
        var tieTerm = TieTerm(ranks);

        if (method == MannWhitneyMethod.Auto)
            method = n1 < ExactBelow && n2 < ExactBelow && tieTerm == 0 ? MannWhitneyMethod.Exact : MannWhitneyMethod.Asymptotic;
        if (method == MannWhitneyMethod.Exact && tieTerm != 0)
            throw new ArgumentException("The exact Mann-Whitney distribution does not hold with tied values; use Asymptotic or Auto.");

        var p = method == MannWhitneyMethod.Exact
            ? 2 * ExactUpperTail((int)Math.Round(uLarger), n1, n2)
            : 2 * AsymptoticUpperTail(uLarger, n1, n2, tieTerm);
        return new MannWhitneyResult(u1, Math.Clamp(p, 0, 1), method);
    }

    /// <summary>P(U >= u) when every ordering of the n1 + n2 values is equally likely.</summary>
    internal static double ExactUpperTail(int u, int n1, int n2)
    {
        // table[a, b][k]: how many orderings of a x-values and b y-values give U = k, from the
        // recursion on which group holds the largest value.
        var maxU = n1 * n2;
        var table = new double[n1 + 1, n2 + 1][];
        for (var a = 0; a <= n1; a++)
        for (var b = 0; b <= n2; b++)
        {
            var freq = new double[a * b + 1];
            if (a == 0 || b == 0) freq[0] = 1;
            else
            {
                var withoutX = table[a - 1, b]; // largest value is an x: it beats all b y-values
                var withoutY = table[a, b - 1]; // largest value is a y: it adds nothing to U of x
                for (var k = 0; k < withoutX.Length; k++) freq[k + b] += withoutX[k];
                for (var k = 0; k < withoutY.Length; k++) freq[k] += withoutY[k];
            }
            table[a, b] = freq;
        }

        var all = table[n1, n2];
        double total = 0, tail = 0;
        for (var k = 0; k <= maxU; k++)
        {
            total += all[k];
            if (k >= u) tail += all[k];
        }
        return tail / total;
    }

    private static double AsymptoticUpperTail(double u, int n1, int n2, double tieTerm)
    {
        var n = (double)(n1 + n2);
        var variance = n1 * n2 / 12.0 * (n + 1 - tieTerm / (n * (n - 1)));
        // All values tied: no evidence either way.
        if (variance <= 0) return 1;
        var z = (u - n1 * n2 / 2.0 - 0.5) / Math.Sqrt(variance);
        return Normal.CDF(0, 1, -z);
    }

    /// <summary>Sum of t^3 - t over groups of t tied values (zero when all values differ).</summary>
    private static double TieTerm(double[] ranks)
    {
        double term = 0;
        foreach (var group in ranks.GroupBy(r => r))
        {
            double t = group.Count();
            term += t * t * t - t;
        }
        return term;
    }

    private static void Validate(IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count == 0) throw new ArgumentException("A Mann-Whitney group needs at least one value.", name);
        if (values.Any(double.IsNaN)) throw new ArgumentException("A Mann-Whitney group contains NaN.", name);
    }
}
