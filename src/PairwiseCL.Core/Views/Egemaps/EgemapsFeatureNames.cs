namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>openSMILE's eGeMAPSv02 names, in openSMILE's column order.</summary>
public static class EgemapsFeatureNames
{
    /// <summary>The 25 smoothed low-level descriptors (columns of openSMILE's LLD CSV after name;frameTime).</summary>
    public static IReadOnlyList<string> LowLevelDescriptors { get; } =
    [
        "Loudness_sma3", "alphaRatio_sma3", "hammarbergIndex_sma3", "slope0-500_sma3", "slope500-1500_sma3",
        "spectralFlux_sma3", "mfcc1_sma3", "mfcc2_sma3", "mfcc3_sma3", "mfcc4_sma3",
        "F0semitoneFrom27.5Hz_sma3nz", "jitterLocal_sma3nz", "shimmerLocaldB_sma3nz", "HNRdBACF_sma3nz",
        "logRelF0-H1-H2_sma3nz", "logRelF0-H1-A3_sma3nz",
        "F1frequency_sma3nz", "F1bandwidth_sma3nz", "F1amplitudeLogRelF0_sma3nz",
        "F2frequency_sma3nz", "F2bandwidth_sma3nz", "F2amplitudeLogRelF0_sma3nz",
        "F3frequency_sma3nz", "F3bandwidth_sma3nz", "F3amplitudeLogRelF0_sma3nz",
    ];

    /// <summary>The 88 functionals (columns of openSMILE's functionals CSV after name;frameTime).</summary>
    public static IReadOnlyList<string> Functionals { get; } = BuildFunctionals();

    private static string[] BuildFunctionals()
    {
        var names = new List<string>(88);
        foreach (var contour in new[] { "F0semitoneFrom27.5Hz_sma3nz", "loudness_sma3" })
            names.AddRange(new[]
            {
                "amean", "stddevNorm", "percentile20.0", "percentile50.0", "percentile80.0", "pctlrange0-2",
                "meanRisingSlope", "stddevRisingSlope", "meanFallingSlope", "stddevFallingSlope",
            }.Select(f => $"{contour}_{f}"));
        foreach (var lld in new[] { "spectralFlux_sma3", "mfcc1_sma3", "mfcc2_sma3", "mfcc3_sma3", "mfcc4_sma3",
                     "jitterLocal_sma3nz", "shimmerLocaldB_sma3nz", "HNRdBACF_sma3nz", "logRelF0-H1-H2_sma3nz",
                     "logRelF0-H1-A3_sma3nz", "F1frequency_sma3nz", "F1bandwidth_sma3nz", "F1amplitudeLogRelF0_sma3nz",
                     "F2frequency_sma3nz", "F2bandwidth_sma3nz", "F2amplitudeLogRelF0_sma3nz", "F3frequency_sma3nz",
                     "F3bandwidth_sma3nz", "F3amplitudeLogRelF0_sma3nz", "alphaRatioV_sma3nz", "hammarbergIndexV_sma3nz",
                     "slopeV0-500_sma3nz", "slopeV500-1500_sma3nz", "spectralFluxV_sma3nz", "mfcc1V_sma3nz",
                     "mfcc2V_sma3nz", "mfcc3V_sma3nz", "mfcc4V_sma3nz" })
        {
            names.Add($"{lld}_amean");
            names.Add($"{lld}_stddevNorm");
        }
        names.AddRange(new[] { "alphaRatioUV", "hammarbergIndexUV", "slopeUV0-500", "slopeUV500-1500", "spectralFluxUV" }
            .Select(n => $"{n}_sma3nz_amean"));
        names.AddRange([
            "loudnessPeaksPerSec", "VoicedSegmentsPerSec", "MeanVoicedSegmentLengthSec", "StddevVoicedSegmentLengthSec",
            "MeanUnvoicedSegmentLength", "StddevUnvoicedSegmentLength", "equivalentSoundLevel_dBp",
        ]);
        return names.ToArray();
    }
}
