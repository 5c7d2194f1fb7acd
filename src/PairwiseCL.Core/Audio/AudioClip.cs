namespace PairwiseCL.Core.Audio;

/// <summary>Mono audio as float samples in [-1, 1] at a known rate.</summary>
public sealed record AudioClip(float[] Samples, int SampleRate)
{
    public double DurationSeconds => SampleRate == 0 ? 0 : (double)Samples.Length / SampleRate;
}
