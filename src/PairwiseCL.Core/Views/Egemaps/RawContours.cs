namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// Unsmoothed per-frame descriptors of one utterance. Spectral contours cover every 20 ms frame; pitch-synchronous
/// ones the (never more numerous) 60 ms pitch frames, which is also the length of the joint LLD table.
/// </summary>
internal sealed class RawContours
{
    public RawContours(int spectralFrames, int pitchFrames, double stepSeconds)
    {
        SpectralFrames = spectralFrames;
        PitchFrames = pitchFrames;
        StepSeconds = stepSeconds;
        Energy = new double[spectralFrames];
        Loudness = new double[spectralFrames];
        Mfcc = Enumerable.Range(0, 4).Select(_ => new double[spectralFrames]).ToArray();
        Spectral = Enumerable.Range(0, 5).Select(_ => new double[spectralFrames]).ToArray();
        FormantFrequency = Enumerable.Range(0, 3).Select(_ => new double[spectralFrames]).ToArray();
        FormantBandwidth = Enumerable.Range(0, 3).Select(_ => new double[spectralFrames]).ToArray();
        F0Hz = new double[pitchFrames];
        F0Semitone = new double[pitchFrames];
        Jitter = new double[pitchFrames];
        Shimmer = new double[pitchFrames];
        Hnr = new double[pitchFrames];
        H1H2 = new double[pitchFrames];
        H1A3 = new double[pitchFrames];
        FormantAmplitude = Enumerable.Range(0, 3).Select(_ => new double[pitchFrames]).ToArray();
    }

    public int SpectralFrames { get; }
    public int PitchFrames { get; }
    public double StepSeconds { get; }

    /// <summary>Mean squared sample of each unwindowed 20 ms frame (for the equivalent sound level).</summary>
    public double[] Energy { get; }
    public double[] Loudness { get; }
    public double[][] Mfcc { get; }
    /// <summary>alphaRatio, hammarbergIndex, slope0-500, slope500-1500, spectralFlux.</summary>
    public double[][] Spectral { get; }
    public double[][] FormantFrequency { get; }
    public double[][] FormantBandwidth { get; }
    public double[] F0Hz { get; }
    public double[] F0Semitone { get; }
    public double[] Jitter { get; }
    public double[] Shimmer { get; }
    public double[] Hnr { get; }
    public double[] H1H2 { get; }
    public double[] H1A3 { get; }
    /// <summary>F1-F3 amplitude relative to H1 (dB); -201 on unvoiced frames, as openSMILE.</summary>
    public double[][] FormantAmplitude { get; }

    public bool IsVoiced(int frame) => frame < PitchFrames && F0Semitone[frame] > 1e-6;

    /// <summary>Spectral contour restricted to the joint frames, zeroed where <paramref name="keepVoiced"/> disagrees.</summary>
    public double[] Masked(double[] contour, bool keepVoiced)
    {
        var result = new double[PitchFrames];
        for (var t = 0; t < PitchFrames; t++)
            result[t] = IsVoiced(t) == keepVoiced ? contour[t] : 0.0;
        return result;
    }

    public EgemapsLldTable ToTable()
    {
        var frames = PitchFrames;
        var columns = new List<double[]>
        {
            Smooth(Loudness, false), Smooth(Spectral[0], false), Smooth(Spectral[1], false), Smooth(Spectral[2], false),
            Smooth(Spectral[3], false), Smooth(Spectral[4], false),
            Smooth(Mfcc[0], false), Smooth(Mfcc[1], false), Smooth(Mfcc[2], false), Smooth(Mfcc[3], false),
            Smooth(F0Semitone, true), Smooth(Jitter, true), Smooth(Shimmer, true), Smooth(Hnr, true),
            Smooth(H1H2, true), Smooth(H1A3, true),
        };
        for (var k = 0; k < 3; k++)
        {
            columns.Add(Smooth(FormantFrequency[k], true));
            columns.Add(Smooth(FormantBandwidth[k], true));
            columns.Add(Smooth(FormantAmplitude[k], true));
        }
        var values = new float[frames * columns.Count];
        for (var t = 0; t < frames; t++)
            for (var j = 0; j < columns.Count; j++)
                values[t * columns.Count + j] = (float)columns[j][t];
        return new EgemapsLldTable(frames, values, StepSeconds);
    }

    public static double[] Smooth(double[] contour, bool ignoreZeros) => ContourSmoother.Smooth(contour, ignoreZeros);
}
