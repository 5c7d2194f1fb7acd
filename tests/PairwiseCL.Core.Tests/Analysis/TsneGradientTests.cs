using PairwiseCL.Core.Analysis;

namespace PairwiseCL.Core.Tests.Analysis;

/// <summary>Both t-SNE gradients against central finite differences of KL(P || Q).</summary>
public sealed class TsneGradientTests
{
    private const int Points = 30;

    [Fact]
    public void ExactGradientMatchesFiniteDifferencesOfTheKlDivergence()
    {
        var (p, map) = Problem();
        var gradient = new double[map.Length];
        TsneGradient.Exact(map, p, exaggeration: 1, gradient, new double[Points], new ParallelOptions());

        AssertMatchesFiniteDifferences(p, map, gradient, tolerance: 1e-6);
    }

    [Fact]
    public void BarnesHutGradientWithThetaZeroMatchesFiniteDifferences()
    {
        var (dense, map) = Problem();
        var sparse = ToSparse(dense);
        var gradient = new double[map.Length];
        TsneGradient.BarnesHut(map, sparse, exaggeration: 1, theta: 0, gradient, new double[Points], new ParallelOptions());

        AssertMatchesFiniteDifferences(dense, map, gradient, tolerance: 1e-6);
    }

    private static void AssertMatchesFiniteDifferences(double[] p, double[] map, double[] gradient, double tolerance)
    {
        const double h = 1e-6;
        for (var d = 0; d < map.Length; d++)
        {
            var plus = (double[])map.Clone();
            var minus = (double[])map.Clone();
            plus[d] += h;
            minus[d] -= h;
            var numeric = (Kl(p, plus) - Kl(p, minus)) / (2 * h);
            Assert.Equal(numeric, gradient[d], tolerance);
        }
    }

    private static double Kl(double[] p, double[] map)
    {
        double z = 0;
        for (var i = 0; i < Points; i++)
            for (var j = 0; j < Points; j++)
                if (i != j) z += W(map, i, j);
        double kl = 0;
        for (var i = 0; i < Points; i++)
            for (var j = 0; j < Points; j++)
            {
                var pij = p[i * Points + j];
                if (i != j && pij > 0) kl += pij * Math.Log(pij / (W(map, i, j) / z));
            }
        return kl;
    }

    private static double W(double[] map, int i, int j)
    {
        double dx = map[2 * i] - map[2 * j], dy = map[2 * i + 1] - map[2 * j + 1];
        return 1 / (1 + dx * dx + dy * dy);
    }

    private static (double[] P, double[] Map) Problem()
    {
        var features = RandomRepresentations.Gaussian(Points, 5, 21);
        var flat = new double[Points * 5];
        for (var i = 0; i < Points; i++)
            for (var d = 0; d < 5; d++)
                flat[i * 5 + d] = features[i, d];
        var p = DenseAffinities.Compute(flat, 5, perplexity: 8, new ParallelOptions());
        var start = RandomRepresentations.Gaussian(Points, 2, 22);
        var map = new double[2 * Points];
        for (var i = 0; i < Points; i++)
        {
            map[2 * i] = start[i, 0];
            map[2 * i + 1] = start[i, 1];
        }
        return (p, map);
    }

    private static SparseAffinities ToSparse(double[] dense)
    {
        var rowStart = new int[Points + 1];
        var columns = new List<int>();
        var values = new List<double>();
        for (var i = 0; i < Points; i++)
        {
            for (var j = 0; j < Points; j++)
                if (dense[i * Points + j] > 0)
                {
                    columns.Add(j);
                    values.Add(dense[i * Points + j]);
                }
            rowStart[i + 1] = columns.Count;
        }
        return new SparseAffinities(rowStart, columns.ToArray(), values.ToArray());
    }
}
