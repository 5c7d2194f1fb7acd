using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace PairwiseCL.Core.Selection;

/// <summary>
/// Multinomial logistic regression with an L2 penalty on the weights (not the intercepts), fitted by L-BFGS:
/// the same objective as scikit-learn's <c>LogisticRegression(multi_class="multinomial", C=…)</c>, so the
/// fitted probabilities can be checked against it. Small and convex, it retrains in milliseconds on frozen
/// 128-d representations, which is what the selection loop needs after every few labels.
/// </summary>
public sealed class SoftmaxRegression
{
    private readonly double[,] weights; // seen classes × (features + 1); the last column is the intercept
    private readonly int[] seenClasses;   // row of weights → class index

    private SoftmaxRegression(double[,] weights, int[] seenClasses, int classCount)
    {
        this.weights = weights;
        this.seenClasses = seenClasses;
        ClassCount = classCount;
    }

    /// <summary>All classes; those without a labelled point get probability 0 (as if scikit-learn had never seen them).</summary>
    public int ClassCount { get; }

    public int FeatureCount => weights.GetLength(1) - 1;

    /// <param name="points">Training points, all of one dimension.</param>
    /// <param name="labels">Class index of each point, in [0, classCount).</param>
    /// <param name="inverseRegularisation">scikit-learn's C: the penalty is ||W||² / (2C).</param>
    public static SoftmaxRegression Fit(
        IReadOnlyList<double[]> points, IReadOnlyList<int> labels, int classCount,
        double inverseRegularisation = 1.0, double gradientTolerance = 1e-8, int maxIterations = 1000)
    {
        if (points.Count == 0) throw new ArgumentException("There is no labelled point to train on.", nameof(points));
        if (points.Count != labels.Count)
            throw new ArgumentException($"{points.Count} points but {labels.Count} labels.", nameof(labels));
        if (classCount < 2) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "A classifier needs at least two classes.");
        if (!(inverseRegularisation > 0 && double.IsFinite(inverseRegularisation)))
            throw new ArgumentOutOfRangeException(nameof(inverseRegularisation), inverseRegularisation, "C must be positive and finite.");
        var dimension = points[0].Length;
        foreach (var (point, label) in points.Zip(labels))
        {
            if (point.Length != dimension) throw new ArgumentException("The points do not all have the same dimension.", nameof(points));
            if (label < 0 || label >= classCount) throw new ArgumentOutOfRangeException(nameof(labels), label, $"A label must lie in [0, {classCount}).");
        }

        var seen = labels.Distinct().Order().ToArray();
        if (seen.Length < 2)
            throw new ArgumentException("The labelled points belong to one class only; a classifier needs two.", nameof(labels));
        var rows = labels.Select(label => Array.IndexOf(seen, label)).ToArray();
        var columns = dimension + 1;
        var objective = ObjectiveFunction.Gradient(parameters =>
            LossAndGradient(parameters, points, rows, seen.Length, columns, 1.0 / inverseRegularisation));
        var start = Vector<double>.Build.Dense(seen.Length * columns);
        var result = new LimitedMemoryBfgsMinimizer(gradientTolerance, 1e-12, 1e-12, memory: 10, maximumIterations: maxIterations)
            .FindMinimum(objective, start);
        var fitted = new double[seen.Length, columns];
        for (var c = 0; c < seen.Length; c++)
            for (var j = 0; j < columns; j++) fitted[c, j] = result.MinimizingPoint[c * columns + j];
        return new SoftmaxRegression(fitted, seen, classCount);
    }

    /// <summary>Class probabilities of one point.</summary>
    public double[] Probabilities(double[] point)
    {
        if (point.Length != FeatureCount)
            throw new ArgumentException($"The model takes {FeatureCount} features; got {point.Length}.", nameof(point));
        var logits = new double[seenClasses.Length];
        for (var c = 0; c < logits.Length; c++)
        {
            var sum = weights[c, FeatureCount];
            for (var j = 0; j < FeatureCount; j++) sum += weights[c, j] * point[j];
            logits[c] = sum;
        }
        SoftmaxInPlace(logits);
        var probabilities = new double[ClassCount];
        for (var c = 0; c < logits.Length; c++) probabilities[seenClasses[c]] = logits[c];
        return probabilities;
    }

    public int Predict(double[] point)
    {
        var probabilities = Probabilities(point);
        var best = 0;
        for (var c = 1; c < probabilities.Length; c++) if (probabilities[c] > probabilities[best]) best = c;
        return best;
    }

    private static (double, Vector<double>) LossAndGradient(
        Vector<double> parameters, IReadOnlyList<double[]> points, IReadOnlyList<int> labels,
        int classCount, int columns, double penalty)
    {
        var gradient = new double[parameters.Count];
        var loss = 0.0;
        var logits = new double[classCount];
        for (var i = 0; i < points.Count; i++)
        {
            var x = points[i];
            for (var c = 0; c < classCount; c++)
            {
                var sum = parameters[c * columns + columns - 1];
                for (var j = 0; j < x.Length; j++) sum += parameters[c * columns + j] * x[j];
                logits[c] = sum;
            }
            loss -= LogSoftmaxAt(logits, labels[i]);
            SoftmaxInPlace(logits);
            for (var c = 0; c < classCount; c++)
            {
                var error = logits[c] - (c == labels[i] ? 1.0 : 0.0);
                for (var j = 0; j < x.Length; j++) gradient[c * columns + j] += error * x[j];
                gradient[c * columns + columns - 1] += error;
            }
        }
        for (var c = 0; c < classCount; c++)
            for (var j = 0; j < columns - 1; j++)
            {
                var w = parameters[c * columns + j];
                loss += 0.5 * penalty * w * w;
                gradient[c * columns + j] += penalty * w;
            }
        return (loss, Vector<double>.Build.DenseOfArray(gradient));
    }

    private static double LogSoftmaxAt(double[] logits, int index)
    {
        var max = logits.Max();
        var sum = 0.0;
        foreach (var z in logits) sum += Math.Exp(z - max);
        return logits[index] - max - Math.Log(sum);
    }

    internal static void SoftmaxInPlace(double[] logits)
    {
        var max = logits.Max();
        var sum = 0.0;
        for (var c = 0; c < logits.Length; c++) sum += logits[c] = Math.Exp(logits[c] - max);
        for (var c = 0; c < logits.Length; c++) logits[c] /= sum;
    }
}
