namespace PairwiseCL.Core.Audio;

/// <summary>Mono audio as float samples in [-1, 1] at a known rate.</summary>
public sealed record AudioClip(float[] Samples, int SampleRate)
{
    public double DurationSeconds => SampleRate == 0 ? 0 : (double)Samples.Length / SampleRate;

    /// <summary>The clip's first <paramref name="seconds"/> (the clip itself when it is not longer).</summary>
    public AudioClip FirstSeconds(double seconds)
    {
        var keep = (long)Math.Ceiling(seconds * SampleRate);
        return keep >= Samples.Length ? this : new AudioClip(Samples[..(int)Math.Max(0, keep)], SampleRate);
    }
}
