namespace PairwiseCL.Core.Analysis;

/// <summary>
/// Finds, for one point, the Gaussian precision beta whose conditional distribution
/// p(j|i) ∝ exp(-beta · d²(i, j)) over the given neighbours has the requested perplexity (entropy
/// log(perplexity) in nats), by bisection as in van der Maaten's reference code.
/// </summary>
internal static class PerplexityCalibration
{
    private const int MaxSteps = 100;
    private const double EntropyTolerance = 1e-5;

    /// <summary>Writes p(j|i) for the <paramref name="count"/> squared distances into <paramref name="probabilities"/>.</summary>
    public static void ConditionalRow(ReadOnlySpan<double> squaredDistances, double perplexity, Span<double> probabilities)
    {
        var count = squaredDistances.Length;
        var target = Math.Log(perplexity);
        // Shifting by the smallest distance keeps exp() from underflowing; it cancels in the normalisation.
        var minimum = double.MaxValue;
        foreach (var d in squaredDistances) minimum = Math.Min(minimum, d);

        double beta = 1, betaLow = double.NegativeInfinity, betaHigh = double.PositiveInfinity;
        for (var step = 0; step < MaxSteps; step++)
        {
            double sum = 0, weightedDistance = 0;
            for (var j = 0; j < count; j++)
            {
                var shifted = squaredDistances[j] - minimum;
                var p = Math.Exp(-beta * shifted);
                probabilities[j] = p;
                sum += p;
                weightedDistance += p * shifted;
            }
            var entropy = Math.Log(sum) + beta * weightedDistance / sum;
            for (var j = 0; j < count; j++) probabilities[j] /= sum;

            var excess = entropy - target;
            if (Math.Abs(excess) <= EntropyTolerance) return;
            if (excess > 0)
            {
                betaLow = beta;
                beta = double.IsPositiveInfinity(betaHigh) ? beta * 2 : (beta + betaHigh) / 2;
            }
            else
            {
                betaHigh = beta;
                beta = double.IsNegativeInfinity(betaLow) ? beta / 2 : (beta + betaLow) / 2;
            }
        }
    }
}
