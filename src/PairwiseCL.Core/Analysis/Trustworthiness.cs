namespace PairwiseCL.Core.Analysis;

/// <summary>
/// How far an embedding's k nearest neighbours are true neighbours of the input (Venna and Kaski 2001):
/// T(k) = 1 - 2 / (n k (2n - 3k - 1)) · Σ_i Σ_{j ∈ U_i} (r(i, j) - k), where U_i are the embedding's k
/// nearest neighbours of i that are not among its k nearest in the input, and r(i, j) is j's rank by
/// input distance from i. 1 means every neighbourhood is preserved. Euclidean distances on both sides.
/// </summary>
public static class Trustworthiness
{
    public static double Compute(double[,] input, double[,] embedding, int neighbours, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(embedding);
        var n = input.GetLength(0);
        if (embedding.GetLength(0) != n)
            throw new ArgumentException($"The input has {n} points but the embedding {embedding.GetLength(0)}.", nameof(embedding));
        if (neighbours < 1 || neighbours >= n / 2.0)
            throw new ArgumentOutOfRangeException(nameof(neighbours), neighbours, $"Neighbours must lie in [1, n/2) = [1, {n / 2.0}).");

        var penalties = new double[n];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, n, parallel, i =>
        {
            var byInput = NeighbourOrder.Of(input, i);
            var rank = new int[n];
            for (var r = 0; r < byInput.Length; r++) rank[byInput[r]] = r + 1;
            var byEmbedding = NeighbourOrder.Of(embedding, i);
            double penalty = 0;
            for (var m = 0; m < neighbours; m++)
                penalty += Math.Max(rank[byEmbedding[m]] - neighbours, 0);
            penalties[i] = penalty;
        });

        var total = penalties.Sum();
        return 1 - total * 2.0 / (n * neighbours * (2.0 * n - 3.0 * neighbours - 1.0));
    }
}
