using PairwiseCL.Core.Analysis;

namespace PairwiseCL.Core.Tests.Analysis;

/// <summary>The parts Barnes-Hut t-SNE is built from, each against a brute-force computation.</summary>
public sealed class TsneComponentTests
{
    [Fact]
    public void VantagePointTreeFindsTheSameNeighboursAsBruteForce()
    {
        const int n = 300, dimension = 10, k = 15;
        var points = Flat(RandomRepresentations.Gaussian(n, dimension, 11));
        var tree = new VantagePointTree(points, dimension, seed: 5);

        for (var query = 0; query < n; query += 7)
        {
            var (indices, distances) = tree.Nearest(query, k);
            var expected = Enumerable.Range(0, n).Where(j => j != query)
                .Select(j => (Index: j, Distance: Euclidean(points, dimension, query, j)))
                .OrderBy(p => p.Distance).Take(k).ToArray();
            Assert.Equal(expected.Select(e => e.Index), indices);
            Assert.Equal(expected.Select(e => e.Distance), distances);
        }
    }

    [Fact]
    public void QuadTreeRepulsionIsExactAtThetaZeroAndCloseAtOneHalf()
    {
        var map = Flat(RandomRepresentations.Gaussian(500, 2, 12));
        var tree = new QuadTree(map);
        var stack = new int[QuadTree.StackSize];

        for (var i = 0; i < 500; i += 25)
        {
            double fx = 0, fy = 0, z = 0;
            for (var j = 0; j < 500; j++)
            {
                if (j == i) continue;
                double dx = map[2 * i] - map[2 * j], dy = map[2 * i + 1] - map[2 * j + 1];
                var q = 1 / (1 + dx * dx + dy * dy);
                z += q;
                fx += q * q * dx;
                fy += q * q * dy;
            }
            var exact = tree.Repulsion(map[2 * i], map[2 * i + 1], theta: 0, stack);
            Assert.Equal(fx, exact.ForceX, 1e-10);
            Assert.Equal(fy, exact.ForceY, 1e-10);
            Assert.Equal(z, exact.Z, 1e-9);

            var approximate = tree.Repulsion(map[2 * i], map[2 * i + 1], theta: 0.5, stack);
            Assert.Equal(z, approximate.Z, z * 0.02);
            var magnitude = Math.Sqrt(fx * fx + fy * fy);
            Assert.True(Math.Sqrt(Math.Pow(fx - approximate.ForceX, 2) + Math.Pow(fy - approximate.ForceY, 2)) < 0.05 * magnitude + 1e-3);
        }
    }

    [Fact]
    public void QuadTreeCountsCoincidingPointsWithoutEndlessSplitting()
    {
        double[] map = [0, 0, 0, 0, 0, 0, 1, 1];
        var tree = new QuadTree(map);
        var (fx, fy, z) = tree.Repulsion(0, 0, 0.5, new int[QuadTree.StackSize]);
        // Two duplicates at distance 0 (q = 1 each) and one point at squared distance 2 (q = 1/3).
        Assert.Equal(2 + 1.0 / 3, z, 1e-12);
        Assert.Equal(-1.0 / 9, fx, 1e-12);
        Assert.Equal(-1.0 / 9, fy, 1e-12);
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(30.0)]
    public void CalibrationReachesTheRequestedPerplexity(double perplexity)
    {
        var random = new Random(3);
        var squared = Enumerable.Range(0, 90).Select(_ => 50 + 400 * random.NextDouble()).ToArray();
        var p = new double[squared.Length];

        PerplexityCalibration.ConditionalRow(squared, perplexity, p);

        var entropy = -p.Where(v => v > 0).Sum(v => v * Math.Log(v));
        Assert.Equal(1.0, p.Sum(), 1e-12);
        Assert.Equal(Math.Log(perplexity), entropy, 1e-4);
    }

    [Fact]
    public void SparseAffinitiesAreSymmetricAndSumToOne()
    {
        var points = Flat(RandomRepresentations.Gaussian(120, 4, 13));
        var p = SparseAffinities.FromNeighbours(points, 4, perplexity: 10, seed: 1, new ParallelOptions());

        Assert.Equal(1.0, p.Values.Sum(), 1e-12);
        var lookup = new Dictionary<(int, int), double>();
        for (var i = 0; i < p.Count; i++)
            for (var at = p.RowStart[i]; at < p.RowStart[i + 1]; at++)
                lookup[(i, p.Columns[at])] = p.Values[at];
        foreach (var ((i, j), value) in lookup)
            Assert.Equal(value, lookup[(j, i)], 15);
    }

    [Fact]
    public void TrustworthinessMatchesAHandComputedCase()
    {
        // Points on a line with growing gaps (no distance ties); the embedding moves point 0 past point 7.
        double[] line = [0, 1, 2.1, 3.3, 4.6, 6.0, 7.5, 9.1];
        var input = Column(line);
        var moved = (double[])line.Clone();
        moved[0] = 9.6;

        // k = 1: points 0 and 7 become each other's neighbour (input rank 7: penalty 6 each); point 1's
        // embedding neighbour is 2 (input rank 2: penalty 1). T = 1 - 13 · 2 / (8 · 1 · (16 - 3 - 1)).
        Assert.Equal(1 - 26.0 / 96, Trustworthiness.Compute(input, Column(moved), 1), 12);
        Assert.Equal(1.0, Trustworthiness.Compute(input, input, 3), 12);
    }

    [Fact]
    public void StratifiedFoldsFollowScikitLearnsUnshuffledAssignment()
    {
        int[] labels = [0, 0, 0, 1, 1, 1, 1, 2, 2, 2];
        // Sorted classes dealt round-robin give fold shares [1,2,1], [1,1,1], [1,1,1].
        Assert.Equal([0, 1, 2, 0, 0, 1, 2, 0, 1, 2], NearestNeighbourAccuracy.StratifiedFolds(labels, 3));
    }

    private static double[,] Column(double[] values)
    {
        var m = new double[values.Length, 1];
        for (var i = 0; i < values.Length; i++) m[i, 0] = values[i];
        return m;
    }

    private static double[] Flat(double[,] m)
    {
        int rows = m.GetLength(0), columns = m.GetLength(1);
        var flat = new double[rows * columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                flat[r * columns + c] = m[r, c];
        return flat;
    }

    private static double Euclidean(double[] points, int dimension, int a, int b)
    {
        double sum = 0;
        for (var d = 0; d < dimension; d++) sum += Math.Pow(points[a * dimension + d] - points[b * dimension + d], 2);
        return Math.Sqrt(sum);
    }
}
