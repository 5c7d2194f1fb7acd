namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// The openSMILE functionals eGeMAPS uses (cFunctionalMoments, cFunctionalPercentiles, cFunctionalSegments;
/// cFunctionalPeaks2 is <see cref="PeakFunctionals"/>), on a contour sampled every 10 ms. Every function returns a finite number: empty
/// input gives 0.
/// </summary>
internal static class ContourFunctionals
{
    public static double[] NonZero(ReadOnlySpan<double> x)
    {
        var list = new List<double>(x.Length);
        foreach (var v in x) if (v != 0) list.Add(v);
        return list.ToArray();
    }

    public static double Mean(ReadOnlySpan<double> x)
    {
        if (x.Length == 0) return 0;
        double sum = 0;
        foreach (var v in x) sum += v;
        return sum / x.Length;
    }

    /// <summary>Population standard deviation over the (signed) mean, 0 when the mean is 0.</summary>
    public static double CoefficientOfVariation(ReadOnlySpan<double> x)
    {
        if (x.Length == 0) return 0;
        var mean = Mean(x);
        double sum = 0;
        foreach (var v in x) sum += (v - mean) * (v - mean);
        var std = Math.Sqrt(sum / x.Length);
        return mean != 0 ? std / mean : 0;
    }

    /// <summary>Linearly interpolated percentile of sorted values (position p (N-1)).</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return 0;
        var position = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var fraction = position - lower;
        return sorted[lower] * (1 - fraction) + sorted[upper] * fraction;
    }
}
