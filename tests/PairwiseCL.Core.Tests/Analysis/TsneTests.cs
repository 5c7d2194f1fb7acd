using PairwiseCL.Core.Analysis;
using PairwiseCL.Core.Progress;

namespace PairwiseCL.Core.Tests.Analysis;

public sealed class TsneTests
{
    [Fact]
    public void SeparatesWellSeparatedClustersOnTheExactPath()
    {
        var (points, labels) = Clusters(perCluster: 40, clusters: 3, dimension: 10, seed: 1);

        var result = Tsne.Embed(points, new TsneOptions { Perplexity = 10, Seed = 3 });

        Assert.Equal(TsneMethod.Exact, result.Method);
        // A point or two on a cluster's rim may sit nearer another cluster's rim than its own fold-mates.
        Assert.True(NearestNeighbourAccuracy.CrossValidated(result.Embedding, labels, neighbours: 5, folds: 5) >= 0.97);
        Assert.True(Trustworthiness.Compute(points, result.Embedding, 5) > 0.9);
    }

    [Fact]
    public void SeparatesWellSeparatedClustersWithBarnesHut()
    {
        var (points, labels) = Clusters(perCluster: 80, clusters: 3, dimension: 10, seed: 2);

        var result = Tsne.Embed(points, new TsneOptions { Perplexity = 20, Method = TsneMethod.BarnesHut, Iterations = 500, Seed = 3 });

        Assert.Equal(TsneMethod.BarnesHut, result.Method);
        Assert.True(NearestNeighbourAccuracy.CrossValidated(result.Embedding, labels, neighbours: 5, folds: 5) >= 0.97);
        Assert.True(Trustworthiness.Compute(points, result.Embedding, 10) > 0.9);
    }

    [Theory]
    [InlineData(TsneMethod.Exact, TsneInitialization.Pca)]
    [InlineData(TsneMethod.BarnesHut, TsneInitialization.Random)]
    public void TheSameSeedGivesTheSameMapWhateverTheThreadCount(TsneMethod method, TsneInitialization initialization)
    {
        var (points, _) = Clusters(perCluster: 40, clusters: 3, dimension: 5, seed: 4);
        var options = new TsneOptions { Perplexity = 10, Iterations = 120, ExaggerationIterations = 60, Method = method, Initialization = initialization, Seed = 9 };

        var first = Tsne.Embed(points, options);
        var again = Tsne.Embed(points, options with { MaxDegreeOfParallelism = 1 });

        Assert.Equal(first.Embedding, again.Embedding);
    }

    [Fact]
    public void ADifferentSeedGivesADifferentRandomStart()
    {
        var (points, _) = Clusters(perCluster: 20, clusters: 2, dimension: 5, seed: 4);
        var options = new TsneOptions { Perplexity = 5, Iterations = 20, ExaggerationIterations = 10, Initialization = TsneInitialization.Random };

        var a = Tsne.Embed(points, options with { Seed = 1 });
        var b = Tsne.Embed(points, options with { Seed = 2 });

        Assert.NotEqual(a.Embedding, b.Embedding);
    }

    [Fact]
    public void ReportsProgressUpToTheLastIteration()
    {
        var (points, _) = Clusters(perCluster: 20, clusters: 2, dimension: 5, seed: 5);
        var reports = new List<TsneProgress>();

        Tsne.Embed(points, new TsneOptions { Perplexity = 5, Iterations = 60, ExaggerationIterations = 20 }, new InlineProgress<TsneProgress>(reports.Add));

        Assert.Equal("affinities", reports[0].Stage);
        Assert.Equal(60, reports[^1].Iteration);
        Assert.Equal(60, reports[^1].TotalIterations);
    }

    [Fact]
    public void StopsWhenCancelled()
    {
        var (points, _) = Clusters(perCluster: 20, clusters: 2, dimension: 5, seed: 6);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Tsne.Embed(points, new TsneOptions { Perplexity = 5 }, cancellationToken: cancellation.Token));
    }

    [Fact]
    public void RejectsAPerplexityTooLargeForThePoints()
    {
        var (points, _) = Clusters(perCluster: 5, clusters: 2, dimension: 3, seed: 7);
        var error = Assert.Throws<ArgumentException>(() => Tsne.Embed(points, new TsneOptions { Perplexity = 30 }));
        Assert.Contains("Perplexity", error.Message);
    }

    /// <summary>Gaussian blobs (unit spread) whose centres lie 20 apart along successive axes.</summary>
    internal static (double[,] Points, int[] Labels) Clusters(int perCluster, int clusters, int dimension, int seed)
    {
        var noise = RandomRepresentations.Gaussian(perCluster * clusters, dimension, seed);
        var labels = new int[perCluster * clusters];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = i % clusters;
            noise[i, labels[i] % dimension] += 20 * (1 + labels[i] / dimension);
        }
        return (noise, labels);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the reports in order, at once.</summary>
}
