using MathNet.Numerics.Distributions;

namespace PairwiseCL.Core.Evaluation;

/// <summary>
/// A mean with its Student-t confidence half-width: mean ± t(1 - (1 - level) / 2, n - 1) · s / √n, with
/// s the sample standard deviation. With a single value the interval is undefined (NaN half-width).
/// </summary>
public sealed record MeanConfidence(double Mean, double HalfWidth, int Count, double Level)
{
    public double Lower => Mean - HalfWidth;

    public double Upper => Mean + HalfWidth;

    public static MeanConfidence Of(IReadOnlyList<double> values, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("A mean needs at least one value.", nameof(values));
        if (level is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must lie strictly between 0 and 1.");

        var n = values.Count;
        var mean = values.Sum() / n;
        if (n == 1) return new MeanConfidence(mean, double.NaN, 1, level);

        double squares = 0;
        foreach (var v in values) squares += (v - mean) * (v - mean);
        var standardError = Math.Sqrt(squares / (n - 1)) / Math.Sqrt(n);
        var t = StudentT.InvCDF(0, 1, n - 1, 1 - (1 - level) / 2);
        return new MeanConfidence(mean, t * standardError, n, level);
    }
}
