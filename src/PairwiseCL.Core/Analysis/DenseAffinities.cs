namespace PairwiseCL.Core.Analysis;

/// <summary>The exact t-SNE input affinities: p(j|i) over all other points, then P = (P + Pᵀ) / sum.</summary>
internal static class DenseAffinities
{
    /// <returns>Row-major N x N, zero diagonal, summing to one.</returns>
    public static double[] Compute(double[] points, int dimension, double perplexity, ParallelOptions parallel)
    {
        var n = points.Length / dimension;
        var conditional = new double[n * n];
        Parallel.For(0, n, parallel, i =>
        {
            var squared = new double[n - 1];
            var others = 0;
            for (var j = 0; j < n; j++)
            {
                if (j == i) continue;
                double sum = 0;
                for (var d = 0; d < dimension; d++)
                {
                    var diff = points[i * dimension + d] - points[j * dimension + d];
                    sum += diff * diff;
                }
                squared[others++] = sum;
            }
            var row = new double[n - 1];
            PerplexityCalibration.ConditionalRow(squared, perplexity, row);
            others = 0;
            for (var j = 0; j < n; j++)
                if (j != i) conditional[i * n + j] = row[others++];
        });

        var symmetric = new double[n * n];
        double total = 0;
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            var value = conditional[i * n + j] + conditional[j * n + i];
            symmetric[i * n + j] = value;
            total += value;
        }
        for (var k = 0; k < symmetric.Length; k++) symmetric[k] /= total;
        return symmetric;
    }
}
