namespace PairwiseCL.Core.Audio;

/// <summary>
/// How clips are brought to a common shape before feature extraction: the paper uses 16 kHz and 15 s
/// (trimmed at the end or zero-padded at the end). <see cref="FixedLengthSeconds"/> = null keeps the length.
/// </summary>
public sealed record AudioPreparation(int SampleRate = 16000, double? FixedLengthSeconds = 15.0)
{
    public static AudioPreparation Paper { get; } = new();

    /// <summary>The sample count every prepared clip has, or null when lengths are kept.</summary>
    public int? FixedLengthSamples => FixedLengthSeconds is { } seconds ? (int)Math.Round(seconds * SampleRate) : null;

    /// <summary>Trims or zero-pads samples (already at <see cref="SampleRate"/>) to the fixed length.</summary>
    public float[] FitLength(float[] samples)
    {
        if (FixedLengthSamples is not { } length || length == samples.Length) return samples;
        var fitted = new float[length];
        Array.Copy(samples, fitted, Math.Min(length, samples.Length));
        return fitted;
    }
}
