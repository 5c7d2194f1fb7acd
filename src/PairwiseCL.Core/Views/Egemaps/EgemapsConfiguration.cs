namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// Everything that changes the eGeMAPSv02 output (openSMILE 3.0 <c>eGeMAPSv02.conf</c> values). The record keys
/// the feature cache, so bump <see cref="Revision"/> whenever the implementation changes its numbers.
/// </summary>
public sealed record EgemapsConfiguration
{
    public static EgemapsConfiguration Default { get; } = new();

    /// <summary>Implementation revision: part of the cache key.</summary>
    public int Revision { get; init; } = 2;

    public int SampleRate { get; init; } = 16000;
    public double FrameStepSeconds { get; init; } = 0.010;
    public double PitchFrameSeconds { get; init; } = 0.060;
    public double PitchWindowSigma { get; init; } = 0.4;
    public double SpectralFrameSeconds { get; init; } = 0.020;

    public double MinPitchHz { get; init; } = 55;
    public double MaxPitchHz { get; init; } = 1000;
    public double OctaveScaleMinHz { get; init; } = 25;
    public int ShsHarmonics { get; init; } = 15;
    public double ShsCompression { get; init; } = 0.85;
    public int PitchCandidates { get; init; } = 6;
    public double VoicingCutoff { get; init; } = 0.7;
    public double VoicingEnergyThreshold { get; init; } = 0.001;
    public int ViterbiBufferLength { get; init; } = 40;

    public int MelBands { get; init; } = 26;
    public double MelLowHz { get; init; } = 20;
    public double MelHighHz { get; init; } = 8000;
    public double LoudnessCompression { get; init; } = 0.33;
    public double CepstralLifter { get; init; } = 22;

    public int LpcOrder { get; init; } = 11;
    public double LpcSampleRate { get; init; } = 11000;
    public double FormantMinHz { get; init; } = 50;
    public double FormantMaxHz { get; init; } = 5450;

    public double JitterSearchRangeRelative { get; init; } = 0.1;
    public double JitterMinCorrelation { get; init; } = 0.5;

    public double PeakRelativeThreshold { get; init; } = 0.1;
}
