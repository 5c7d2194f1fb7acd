namespace PairwiseCL.Core.Selection;

/// <summary>
/// Lloyd's k-means with k-means++ seeding (Arthur and Vassilvitskii, 2007), seeded and restarted a few times
/// (the lowest within-cluster sum of squares wins), as scikit-learn's KMeans does.
/// </summary>
internal static class KMeans
{
    /// <returns>The cluster of each point, in [0, k).</returns>
    public static int[] Cluster(IReadOnlyList<double[]> points, int k, int seed, int restarts = 3, int maxIterations = 100,
        CancellationToken cancellationToken = default)
    {
        if (k < 1 || k > points.Count) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must lie in [1, {points.Count}].");
        int[]? best = null;
        var bestInertia = double.PositiveInfinity;
        for (var restart = 0; restart < restarts; restart++)
        {
            var random = new Random(unchecked(seed * 31 + restart) & int.MaxValue);
            var centres = PlusPlus(points, k, random);
            var assignment = new int[points.Count];
            var inertia = 0.0;
            for (var iteration = 0; iteration < maxIterations; iteration++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var changed = false;
                inertia = 0;
                for (var i = 0; i < points.Count; i++)
                {
                    var (nearest, distance) = Nearest(points[i], centres);
                    inertia += distance;
                    changed |= nearest != assignment[i];
                    assignment[i] = nearest;
                }
                if (!changed && iteration > 0) break;
                centres = Means(points, assignment, centres);
            }
            if (inertia < bestInertia) (best, bestInertia) = (assignment, inertia);
        }
        return best!;
    }

    private static double[][] PlusPlus(IReadOnlyList<double[]> points, int k, Random random)
    {
        var centres = new List<double[]> { points[random.Next(points.Count)] };
        var nearest = points.Select(p => SquaredDistance(p, centres[0])).ToArray();
        while (centres.Count < k)
        {
            var total = nearest.Sum();
            var next = 0;
            if (total > 0)
            {
                var target = random.NextDouble() * total;
                for (next = 0; next < points.Count - 1 && (target -= nearest[next]) > 0; next++) { }
            }
            else next = random.Next(points.Count);
            centres.Add(points[next]);
            for (var i = 0; i < points.Count; i++) nearest[i] = Math.Min(nearest[i], SquaredDistance(points[i], points[next]));
        }
        return centres.Select(c => (double[])c.Clone()).ToArray();
    }

    private static double[][] Means(IReadOnlyList<double[]> points, int[] assignment, double[][] previous)
    {
        var sums = previous.Select(c => new double[c.Length]).ToArray();
        var counts = new int[previous.Length];
        for (var i = 0; i < points.Count; i++)
        {
            counts[assignment[i]]++;
            for (var j = 0; j < points[i].Length; j++) sums[assignment[i]][j] += points[i][j];
        }
        // An emptied cluster keeps its centre rather than collapsing to the origin.
        return sums.Select((s, c) => counts[c] == 0 ? previous[c] : s.Select(v => v / counts[c]).ToArray()).ToArray();
    }

    private static (int Index, double SquaredDistance) Nearest(double[] point, double[][] centres)
    {
        var (best, bestDistance) = (0, double.PositiveInfinity);
        for (var c = 0; c < centres.Length; c++)
        {
            var d = SquaredDistance(point, centres[c]);
            if (d < bestDistance) (best, bestDistance) = (c, d);
        }
        return (best, bestDistance);
    }

    internal static double SquaredDistance(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++) sum += (a[j] - b[j]) * (a[j] - b[j]);
        return sum;
    }
}
