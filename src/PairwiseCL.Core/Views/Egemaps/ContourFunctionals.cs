namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// The openSMILE functionals eGeMAPS uses (cFunctionalMoments, cFunctionalPercentiles, cFunctionalPeaks2,
/// cFunctionalSegments), on a contour sampled every 10 ms. Every function returns a finite number: empty
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

    /// <summary>
    /// Peaks and minima with a hysteresis of relThreshold times the contour range; slopes (units per second)
    /// from each minimum to the next peak (rising) and from each peak to the next minimum (falling).
    /// </summary>
    public static PeakStatistics Peaks(ReadOnlySpan<double> x, double relativeThreshold, double stepSeconds)
    {
        if (x.Length < 3) return new PeakStatistics(0, 0, 0, 0, 0);
        double min = x[0], max = x[0];
        foreach (var v in x) { if (v < min) min = v; if (v > max) max = v; }
        var threshold = relativeThreshold * (max - min);
        if (threshold <= 0) return new PeakStatistics(0, 0, 0, 0, 0);

        // Billauer's peak detection with a hysteresis of `threshold`; the lowest point before the first peak
        // counts as a minimum so that the first rise has a slope.
        var extrema = new List<(int Index, double Value, bool IsPeak)>();
        double high = double.NegativeInfinity, low = double.PositiveInfinity;
        int highIndex = 0, lowIndex = 0;
        var lookingForPeak = true;
        for (var t = 0; t < x.Length; t++)
        {
            var v = x[t];
            if (v > high) { high = v; highIndex = t; }
            if (v < low) { low = v; lowIndex = t; }
            if (lookingForPeak)
            {
                if (v >= high - threshold) continue;
                if (extrema.Count == 0)
                {
                    var firstLow = 0;
                    for (var k = 1; k <= highIndex; k++) if (x[k] < x[firstLow]) firstLow = k;
                    if (high - x[firstLow] >= threshold) extrema.Add((firstLow, x[firstLow], false));
                }
                extrema.Add((highIndex, high, true));
                low = v; lowIndex = t;
                lookingForPeak = false;
            }
            else
            {
                if (v <= low + threshold) continue;
                extrema.Add((lowIndex, low, false));
                high = v; highIndex = t;
                lookingForPeak = true;
            }
        }
        if (!lookingForPeak && extrema.Count > 0 && extrema[^1].Value - low >= threshold)
            extrema.Add((lowIndex, low, false));
        var rising = new List<double>();
        var falling = new List<double>();
        var peaks = 0;
        // Pair each peak with the minimum before it (or the contour start's lowest point) and after it.
        for (var i = 0; i < extrema.Count; i++)
        {
            if (!extrema[i].IsPeak) continue;
            peaks++;
            if (i > 0 && !extrema[i - 1].IsPeak)
                rising.Add(SlopePerSecond(extrema[i - 1], extrema[i], stepSeconds));
            if (i + 1 < extrema.Count && !extrema[i + 1].IsPeak)
                falling.Add(SlopePerSecond(extrema[i], extrema[i + 1], stepSeconds));
        }
        var duration = x.Length * stepSeconds;
        return new PeakStatistics(peaks / duration, Mean(rising.ToArray()), StandardDeviation(rising),
            Mean(falling.ToArray()), StandardDeviation(falling));
    }

    /// <summary>Runs of non-zero (voiced) and zero (unvoiced) values: count per second, mean and std length (s).</summary>
    public static SegmentStatistics Segments(ReadOnlySpan<double> x, double stepSeconds)
    {
        var voiced = new List<double>();
        var unvoiced = new List<double>();
        var t = 0;
        while (t < x.Length)
        {
            var isVoiced = x[t] != 0;
            var start = t;
            while (t < x.Length && (x[t] != 0) == isVoiced) t++;
            (isVoiced ? voiced : unvoiced).Add((t - start) * stepSeconds);
        }
        var duration = Math.Max(x.Length, 1) * stepSeconds;
        return new SegmentStatistics(voiced.Count / duration, Mean(voiced.ToArray()), StandardDeviation(voiced),
            Mean(unvoiced.ToArray()), StandardDeviation(unvoiced));
    }

    private static double SlopePerSecond((int Index, double Value, bool IsPeak) a, (int Index, double Value, bool IsPeak) b,
        double stepSeconds)
    {
        var dt = (b.Index - a.Index) * stepSeconds;
        return dt > 0 ? (b.Value - a.Value) / dt : 0;
    }

    private static double StandardDeviation(List<double> values)
    {
        if (values.Count == 0) return 0;
        var mean = Mean(values.ToArray());
        double sum = 0;
        foreach (var v in values) sum += (v - mean) * (v - mean);
        return Math.Sqrt(sum / values.Count);
    }
}

internal readonly record struct PeakStatistics(
    double PeaksPerSecond, double MeanRisingSlope, double StddevRisingSlope, double MeanFallingSlope, double StddevFallingSlope);

internal readonly record struct SegmentStatistics(
    double VoicedPerSecond, double MeanVoicedSeconds, double StddevVoicedSeconds, double MeanUnvoicedSeconds,
    double StddevUnvoicedSeconds);
