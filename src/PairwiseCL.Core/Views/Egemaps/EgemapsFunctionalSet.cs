namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// The 88 eGeMAPSv02 functionals from raw contours, following openSMILE's graph: voiced/unvoiced selection on
/// the raw frames, then sma3 (or sma3nz) smoothing, then the functionals (nz sets use non-zero frames only).
/// </summary>
internal static class EgemapsFunctionalSet
{
    private const double LeqFloor = 1e-10;

    public static float[] Compute(RawContours raw, EgemapsConfiguration config)
    {
        var step = raw.StepSeconds;
        var output = new List<double>(88);

        // openSMILE's functionals see two F0 frames fewer than its LLD output (the last two never reach them).
        var pitchFrames = Math.Max(0, raw.PitchFrames - 2);
        var f0 = ContourSmoother.Smooth(raw.F0Semitone, true)[..pitchFrames];
        AddProsody(output, ContourFunctionals.NonZero(f0), config, step);
        var loudness = ContourSmoother.Smooth(raw.Loudness, false);
        AddProsody(output, loudness, config, step);

        foreach (var contour in new[] { raw.Spectral[4], raw.Mfcc[0], raw.Mfcc[1], raw.Mfcc[2], raw.Mfcc[3] })
            AddMeanAndVariation(output, ContourSmoother.Smooth(contour, false));

        var voicedOnly = new List<double[]> { raw.Jitter, raw.Shimmer, raw.Hnr, raw.H1H2, raw.H1A3 };
        for (var k = 0; k < 3; k++)
        {
            voicedOnly.Add(raw.Masked(raw.FormantFrequency[k], keepVoiced: true));
            voicedOnly.Add(raw.Masked(raw.FormantBandwidth[k], keepVoiced: true));
            voicedOnly.Add(raw.FormantAmplitude[k]);
        }
        foreach (var contour in voicedOnly)
            AddMeanAndVariation(output, ContourFunctionals.NonZero(ContourSmoother.Smooth(contour, true)[..pitchFrames]));

        var voicedSpectral = new[] { raw.Spectral[0], raw.Spectral[1], raw.Spectral[2], raw.Spectral[3], raw.Spectral[4],
            raw.Mfcc[0], raw.Mfcc[1], raw.Mfcc[2], raw.Mfcc[3] };
        foreach (var contour in voicedSpectral)
            AddMeanAndVariation(output,
                ContourFunctionals.NonZero(ContourSmoother.Smooth(raw.Masked(contour, keepVoiced: true), true)[..pitchFrames]));
        for (var k = 0; k < 5; k++)
            output.Add(ContourFunctionals.Mean(
                ContourFunctionals.NonZero(ContourSmoother.Smooth(raw.Masked(raw.Spectral[k], keepVoiced: false), true)[..pitchFrames])));

        output.Add(PeakFunctionals.Compute(loudness, config.PeakRelativeThreshold, step).PeaksPerSecond);
        var segments = SegmentFunctionals.Compute(f0, step);
        output.Add(segments.VoicedPerSecond);
        output.Add(segments.MeanVoicedSeconds);
        output.Add(segments.StddevVoicedSeconds);
        output.Add(segments.MeanUnvoicedSeconds);
        output.Add(segments.StddevUnvoicedSeconds);
        output.Add(raw.SpectralFrames == 0 ? 10.0 * Math.Log10(LeqFloor)
            : 10.0 * Math.Log10(Math.Max(ContourFunctionals.Mean(raw.Energy), LeqFloor)));

        return output.Select(v => double.IsFinite(v) ? (float)v : 0f).ToArray();
    }

    private static void AddProsody(List<double> output, double[] contour, EgemapsConfiguration config, double step)
    {
        AddMeanAndVariation(output, contour);
        var sorted = (double[])contour.Clone();
        Array.Sort(sorted);
        var p20 = ContourFunctionals.Percentile(sorted, 0.2);
        var p50 = ContourFunctionals.Percentile(sorted, 0.5);
        var p80 = ContourFunctionals.Percentile(sorted, 0.8);
        output.AddRange([p20, p50, p80, p80 - p20]);
        var peaks = PeakFunctionals.Compute(contour, config.PeakRelativeThreshold, step);
        output.AddRange([peaks.MeanRisingSlope, peaks.StddevRisingSlope, peaks.MeanFallingSlope, peaks.StddevFallingSlope]);
    }

    private static void AddMeanAndVariation(List<double> output, double[] contour)
    {
        output.Add(ContourFunctionals.Mean(contour));
        output.Add(ContourFunctionals.CoefficientOfVariation(contour));
    }
}
