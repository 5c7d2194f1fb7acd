namespace PairwiseCL.Core.Analysis;

/// <summary>Brute-force Euclidean neighbour ordering of one point against others.</summary>
internal static class NeighbourOrder
{
    /// <summary>All other points' indices, nearest first (equal distances in index order).</summary>
    public static int[] Of(double[,] points, int query) =>
        Of(points, query, Enumerable.Range(0, points.GetLength(0)).Where(j => j != query).ToArray());

    /// <summary>The candidate indices sorted by distance from <paramref name="query"/> (equal distances in index order).</summary>
    public static int[] Of(double[,] points, int query, int[] candidates)
    {
        var dimension = points.GetLength(1);
        var keyed = new (double Distance, int Index)[candidates.Length];
        for (var m = 0; m < candidates.Length; m++)
        {
            double sum = 0;
            for (var d = 0; d < dimension; d++)
            {
                var diff = points[query, d] - points[candidates[m], d];
                sum += diff * diff;
            }
            keyed[m] = (sum, candidates[m]);
        }
        Array.Sort(keyed);
        return keyed.Select(k => k.Index).ToArray();
    }
}
