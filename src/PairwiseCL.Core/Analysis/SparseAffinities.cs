namespace PairwiseCL.Core.Analysis;

/// <summary>
/// The symmetric input affinities P of Barnes-Hut t-SNE in compressed-row form: row i holds
/// Columns[RowStart[i] .. RowStart[i + 1]) with Values; all values sum to one.
/// </summary>
internal sealed record SparseAffinities(int[] RowStart, int[] Columns, double[] Values)
{
    public int Count => RowStart.Length - 1;

    /// <summary>
    /// p(j|i) over each point's 3·perplexity nearest neighbours (vantage-point tree), then
    /// P = (P + Pᵀ) / sum, as in van der Maaten (2014).
    /// </summary>
    public static SparseAffinities FromNeighbours(
        double[] points, int dimension, double perplexity, int seed, ParallelOptions parallel)
    {
        var n = points.Length / dimension;
        var k = Math.Min(n - 1, (int)(3 * perplexity + 1));
        var tree = new VantagePointTree(points, dimension, seed);
        var neighbours = new int[n][];
        var conditional = new double[n][];
        Parallel.For(0, n, parallel, i =>
        {
            var (indices, distances) = tree.Nearest(i, k);
            var squared = distances.Select(d => d * d).ToArray();
            var row = new double[indices.Length];
            PerplexityCalibration.ConditionalRow(squared, perplexity, row);
            neighbours[i] = indices;
            conditional[i] = row;
        });
        return Symmetrise(neighbours, conditional);
    }

    private static SparseAffinities Symmetrise(int[][] neighbours, double[][] conditional)
    {
        var n = neighbours.Length;
        var rows = new SortedDictionary<int, double>[n];
        for (var i = 0; i < n; i++) rows[i] = new SortedDictionary<int, double>();
        double total = 0;
        for (var i = 0; i < n; i++)
        for (var m = 0; m < neighbours[i].Length; m++)
        {
            var j = neighbours[i][m];
            var p = conditional[i][m];
            rows[i][j] = rows[i].GetValueOrDefault(j) + p;
            rows[j][i] = rows[j].GetValueOrDefault(i) + p;
            total += 2 * p;
        }

        var rowStart = new int[n + 1];
        for (var i = 0; i < n; i++) rowStart[i + 1] = rowStart[i] + rows[i].Count;
        var columns = new int[rowStart[n]];
        var values = new double[rowStart[n]];
        for (var i = 0; i < n; i++)
        {
            var at = rowStart[i];
            foreach (var (j, p) in rows[i])
            {
                columns[at] = j;
                values[at++] = p / total;
            }
        }
        return new SparseAffinities(rowStart, columns, values);
    }
}
