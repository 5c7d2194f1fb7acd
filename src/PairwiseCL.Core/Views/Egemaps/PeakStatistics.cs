namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>openSMILE Peaks2 results: peaks per second and rising/falling slopes per second.</summary>
internal readonly record struct PeakStatistics(
    double PeaksPerSecond, double MeanRisingSlope, double StddevRisingSlope, double MeanFallingSlope, double StddevFallingSlope);
