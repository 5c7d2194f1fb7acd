namespace PairwiseCL.Core.Analysis;

/// <summary>How the 2-D t-SNE map is started.</summary>
public enum TsneInitialization
{
    /// <summary>The first two principal components, scaled to a standard deviation of 1e-4.</summary>
    Pca,

    /// <summary>Seeded Gaussian noise with standard deviation 1e-4.</summary>
    Random,
}

/// <summary>Which gradient the optimiser uses.</summary>
public enum TsneMethod
{
    /// <summary>Exact for at most <see cref="TsneOptions.ExactMaxPoints"/> points, Barnes-Hut above.</summary>
    Auto,

    /// <summary>Dense O(N²) affinities and gradient.</summary>
    Exact,

    /// <summary>Sparse k-NN affinities (vantage-point tree) and O(N log N) quadtree repulsion.</summary>
    BarnesHut,
}

/// <summary>
/// Everything that changes a t-SNE map. The defaults are the usual ones (van der Maaten 2014, as in
/// scikit-learn): perplexity 30, 1000 iterations of which the first 250 use early exaggeration 12 and
/// momentum 0.5 (then 0.8), Barnes-Hut angle 0.5, learning rate max(N / exaggeration, 200) when not given.
/// </summary>
public sealed record TsneOptions
{
    public double Perplexity { get; init; } = 30;
    public int Iterations { get; init; } = 1000;
    public int ExaggerationIterations { get; init; } = 250;
    public double EarlyExaggeration { get; init; } = 12;
    public double InitialMomentum { get; init; } = 0.5;
    public double FinalMomentum { get; init; } = 0.8;

    /// <summary>Null = automatic: max(N / <see cref="EarlyExaggeration"/>, 200).</summary>
    public double? LearningRate { get; init; }

    /// <summary>Barnes-Hut accuracy: a cell is summarised when its width / distance is below this.</summary>
    public double Theta { get; init; } = 0.5;

    public TsneInitialization Initialization { get; init; } = TsneInitialization.Pca;
    public TsneMethod Method { get; init; } = TsneMethod.Auto;
    public int ExactMaxPoints { get; init; } = 500;

    /// <summary>Optimisation stops early once the gradient norm falls below this.</summary>
    public double MinGradientNorm { get; init; } = 1e-7;

    public int Seed { get; init; }

    /// <summary>Worker threads for neighbour search and gradients; null = all processors.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    internal void Validate(int points)
    {
        if (Perplexity <= 0) throw new ArgumentOutOfRangeException(nameof(Perplexity), Perplexity, "Perplexity must be positive.");
        if (points - 1 < 3 * Perplexity && Method == TsneMethod.BarnesHut)
            throw new ArgumentException(
                $"Barnes-Hut t-SNE with perplexity {Perplexity} needs more than {3 * Perplexity:0} points; got {points}.");
        if (points - 1 < Perplexity)
            throw new ArgumentException($"Perplexity {Perplexity} is not below the number of points ({points}); lower it.");
        if (Iterations < 1) throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "At least one iteration.");
        if (ExaggerationIterations < 0 || ExaggerationIterations > Iterations)
            throw new ArgumentOutOfRangeException(nameof(ExaggerationIterations), ExaggerationIterations, "Must lie in [0, Iterations].");
        if (Theta is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(Theta), Theta, "Theta lies in [0, 1].");
        if (LearningRate is <= 0) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be positive.");
    }
}
