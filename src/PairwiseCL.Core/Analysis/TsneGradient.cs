using System.Collections.Concurrent;

namespace PairwiseCL.Core.Analysis;

/// <summary>
/// Gradients of the t-SNE objective KL(P || Q) with respect to the 2-D map:
/// ∂C/∂y_i = 4 Σ_j (p_ij - q_ij) (1 + d²_ij)⁻¹ (y_i - y_j), split into the attractive part (over P's
/// non-zeros) and the repulsive part (over all pairs: exactly, or by the Barnes-Hut quadtree).
/// Each point's terms are computed independently in parallel and summed in a fixed order, so the
/// result does not depend on thread scheduling.
/// </summary>
internal static class TsneGradient
{
    private const int PointsPerTask = 64;

    public static void BarnesHut(
        double[] map, SparseAffinities p, double exaggeration, double theta, double[] gradient, double[] zParts,
        ParallelOptions parallel)
    {
        var n = p.Count;
        var tree = new QuadTree(map);
        var repulsion = gradient; // holds the unnormalised repulsion until Z is known
        Parallel.ForEach(Partitioner.Create(0, n, PointsPerTask), parallel, range =>
        {
            var stack = new int[QuadTree.StackSize];
            for (var i = range.Item1; i < range.Item2; i++)
            {
                var (fx, fy, z) = tree.Repulsion(map[2 * i], map[2 * i + 1], theta, stack);
                repulsion[2 * i] = fx;
                repulsion[2 * i + 1] = fy;
                zParts[i] = z;
            }
        });
        var zTotal = SumInOrder(zParts);

        Parallel.ForEach(Partitioner.Create(0, n, PointsPerTask), parallel, range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                double ax = 0, ay = 0;
                double xi = map[2 * i], yi = map[2 * i + 1];
                for (var at = p.RowStart[i]; at < p.RowStart[i + 1]; at++)
                {
                    var j = p.Columns[at];
                    double dx = xi - map[2 * j], dy = yi - map[2 * j + 1];
                    var w = exaggeration * p.Values[at] / (1 + dx * dx + dy * dy);
                    ax += w * dx;
                    ay += w * dy;
                }
                gradient[2 * i] = 4 * (ax - repulsion[2 * i] / zTotal);
                gradient[2 * i + 1] = 4 * (ay - repulsion[2 * i + 1] / zTotal);
            }
        });
    }

    /// <param name="p">Dense symmetric affinities, row-major N x N, zero diagonal, summing to one.</param>
    public static void Exact(
        double[] map, double[] p, double exaggeration, double[] gradient, double[] zParts, ParallelOptions parallel)
    {
        var n = map.Length / 2;
        Parallel.For(0, n, parallel, i =>
        {
            double z = 0, xi = map[2 * i], yi = map[2 * i + 1];
            for (var j = 0; j < n; j++)
            {
                if (j == i) continue;
                double dx = xi - map[2 * j], dy = yi - map[2 * j + 1];
                z += 1 / (1 + dx * dx + dy * dy);
            }
            zParts[i] = z;
        });
        var zTotal = SumInOrder(zParts);

        Parallel.For(0, n, parallel, i =>
        {
            double gx = 0, gy = 0, xi = map[2 * i], yi = map[2 * i + 1];
            var row = i * n;
            for (var j = 0; j < n; j++)
            {
                if (j == i) continue;
                double dx = xi - map[2 * j], dy = yi - map[2 * j + 1];
                var q = 1 / (1 + dx * dx + dy * dy);
                var w = (exaggeration * p[row + j] - q / zTotal) * q;
                gx += w * dx;
                gy += w * dy;
            }
            gradient[2 * i] = 4 * gx;
            gradient[2 * i + 1] = 4 * gy;
        });
    }

    private static double SumInOrder(double[] values)
    {
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum;
    }
}
