namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// openSMILE's cFunctionalSegments with the nonX / eqX state machines (X = 0): a segment starts after 3
/// consecutive frames inside it and ends after 2 frames outside; a segment's length is counted as (last index -
/// first index), one frame shorter than the run, exactly as openSMILE does.
/// </summary>
internal static class SegmentFunctionals
{
    private const int MinSegmentFrames = 3;
    private const int MinPauseFrames = 2;

    /// <summary>Voiced (non-zero) and unvoiced (zero) segment statistics of a contour, lengths in seconds.</summary>
    public static SegmentStatistics Compute(ReadOnlySpan<double> x, double period)
    {
        if (x.Length == 0) return new SegmentStatistics(0, 0, 0, 0, 0);
        var voiced = Segments(x, inside: v => v != 0);
        var unvoiced = Segments(x, inside: v => v == 0);
        var (voicedMean, voicedStd) = MeanAndStd(voiced);
        var (unvoicedMean, unvoicedStd) = MeanAndStd(unvoiced);
        return new SegmentStatistics(voiced.Count / (x.Length * period), voicedMean * period, voicedStd * period,
            unvoicedMean * period, unvoicedStd * period);
    }

    private static List<int> Segments(ReadOnlySpan<double> x, Func<double, bool> inside)
    {
        var lengths = new List<int>();
        int state = 0, start = 0, startCount = 0, endCount = 0, i;
        for (i = 0; i < x.Length; i++)
        {
            if (inside(x[i]))
            {
                if (state == 1)
                {
                    endCount = 0;
                    if (++startCount >= MinSegmentFrames) { startCount = 0; state = 2; }
                }
                else if (state == 0) { startCount++; start = i; state = 1; }
                else endCount = 0;
            }
            else if (state == 2)
            {
                startCount = 0;
                if (++endCount >= MinPauseFrames)
                {
                    state = 0;
                    lengths.Add(i - endCount - start);
                    endCount = 0;
                }
            }
            else if (state == 1)
            {
                if (++endCount >= MinPauseFrames) { state = 0; endCount = 0; startCount = 0; }
            }
        }
        if (state == 2) lengths.Add(i - (endCount + 1) - start);
        return lengths;
    }

    private static (double Mean, double Std) MeanAndStd(List<int> lengths)
    {
        if (lengths.Count == 0) return (0, 0);
        double sum = lengths.Sum();
        var mean = lengths.Count > 1 ? sum / lengths.Count : sum;
        if (lengths.Count < 2) return (mean, 0);
        var variance = lengths.Sum(l => (l - mean) * (l - mean)) / lengths.Count;
        return (mean, Math.Sqrt(variance));
    }
}
