using System.Diagnostics;

namespace PairwiseCL.Core.Analysis;

/// <summary>
/// 2-D t-SNE (van der Maaten and Hinton 2008; Barnes-Hut version van der Maaten 2014): Gaussian input
/// affinities calibrated to a perplexity, Student-t map affinities, gradient descent with momentum,
/// per-coordinate adaptive gains and early exaggeration. Deterministic for a given seed and options.
/// </summary>
public static class Tsne
{
    private const int ProgressEvery = 25;
    private const double MinGain = 0.01;

    /// <param name="points">One row per point (e.g. per test utterance), one column per feature.</param>
    public static TsneResult Embed(
        double[,] points,
        TsneOptions? options = null,
        IProgress<TsneProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        options ??= new TsneOptions();
        int n = points.GetLength(0), dimension = points.GetLength(1);
        if (n < 2 || dimension < 1) throw new ArgumentException($"t-SNE needs at least two points with one feature; got {n} x {dimension}.", nameof(points));
        options.Validate(n);
        var flat = Flatten(points);

        var watch = Stopwatch.StartNew();
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1,
        };
        var method = options.Method == TsneMethod.Auto
            ? n <= options.ExactMaxPoints ? TsneMethod.Exact : TsneMethod.BarnesHut
            : options.Method;

        progress?.Report(new TsneProgress("affinities", 0, options.Iterations, double.NaN));
        var gradient = new double[2 * n];
        var zParts = new double[n];
        Action<double[], double> computeGradient;
        if (method == TsneMethod.Exact)
        {
            var p = DenseAffinities.Compute(flat, dimension, options.Perplexity, parallel);
            computeGradient = (map, exaggeration) => TsneGradient.Exact(map, p, exaggeration, gradient, zParts, parallel);
        }
        else
        {
            var p = SparseAffinities.FromNeighbours(flat, dimension, options.Perplexity, options.Seed, parallel);
            computeGradient = (map, exaggeration) =>
                TsneGradient.BarnesHut(map, p, exaggeration, options.Theta, gradient, zParts, parallel);
        }

        var embedding = InitialMap(flat, dimension, options);
        var iterations = Optimise(embedding, gradient, computeGradient, options, progress, cancellationToken);
        return new TsneResult(ToMatrix(embedding), method, iterations, watch.Elapsed);
    }

    /// <summary>Gradient descent with momentum and adaptive gains (Jacobs 1988), as in the reference code.</summary>
    private static int Optimise(
        double[] map, double[] gradient, Action<double[], double> computeGradient, TsneOptions options,
        IProgress<TsneProgress>? progress, CancellationToken cancellationToken)
    {
        var n = map.Length / 2;
        var learningRate = options.LearningRate ?? Math.Max(n / options.EarlyExaggeration, 200);
        var update = new double[map.Length];
        var gains = Enumerable.Repeat(1.0, map.Length).ToArray();
        for (var iteration = 0; iteration < options.Iterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var exploring = iteration < options.ExaggerationIterations;
            computeGradient(map, exploring ? options.EarlyExaggeration : 1);
            var momentum = exploring ? options.InitialMomentum : options.FinalMomentum;

            double squaredNorm = 0;
            for (var d = 0; d < map.Length; d++)
            {
                var g = gradient[d];
                squaredNorm += g * g;
                // Grow the step while the gradient keeps pointing along the last update, shrink it otherwise.
                gains[d] = update[d] * g < 0 ? gains[d] + 0.2 : Math.Max(gains[d] * 0.8, MinGain);
                update[d] = momentum * update[d] - learningRate * gains[d] * g;
                map[d] += update[d];
            }

            var norm = Math.Sqrt(squaredNorm);
            var done = norm < options.MinGradientNorm || iteration == options.Iterations - 1;
            if (progress is not null && ((iteration + 1) % ProgressEvery == 0 || done))
                progress.Report(new TsneProgress("optimisation", iteration + 1, options.Iterations, norm));
            if (done) return iteration + 1;
        }
        return options.Iterations;
    }

    private static double[] InitialMap(double[] points, int dimension, TsneOptions options)
    {
        var n = points.Length / dimension;
        if (options.Initialization == TsneInitialization.Random)
        {
            var noise = RandomRepresentations.Gaussian(n, 2, options.Seed);
            var map = Flatten(noise);
            for (var k = 0; k < map.Length; k++) map[k] *= 1e-4;
            return map;
        }

        // Principal components, rescaled so the first has standard deviation 1e-4 (keeps early steps small).
        var projected = PcaProjection.Project(points, dimension, 2);
        double mean = 0, squares = 0;
        for (var i = 0; i < n; i++) mean += projected[2 * i];
        mean /= n;
        for (var i = 0; i < n; i++) squares += (projected[2 * i] - mean) * (projected[2 * i] - mean);
        var deviation = Math.Sqrt(squares / n);
        var scale = deviation > 0 ? 1e-4 / deviation : 1;
        for (var k = 0; k < projected.Length; k++) projected[k] *= scale;
        return projected;
    }

    private static double[] Flatten(double[,] matrix)
    {
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        var flat = new double[rows * columns];
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < columns; c++)
        {
            var value = matrix[r, c];
            if (!double.IsFinite(value))
                throw new ArgumentException($"Point {r}, feature {c} is {value}; t-SNE needs finite values.", nameof(matrix));
            flat[r * columns + c] = value;
        }
        return flat;
    }

    private static double[,] ToMatrix(double[] map)
    {
        var n = map.Length / 2;
        var result = new double[n, 2];
        for (var i = 0; i < n; i++)
        {
            result[i, 0] = map[2 * i];
            result[i, 1] = map[2 * i + 1];
        }
        return result;
    }
}
