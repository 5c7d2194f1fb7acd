namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>openSMILE segment functionals of an F0 contour: voiced segments per second, lengths in seconds.</summary>
internal readonly record struct SegmentStatistics(
    double VoicedPerSecond, double MeanVoicedSeconds, double StddevVoicedSeconds, double MeanUnvoicedSeconds,
    double StddevUnvoicedSeconds);
