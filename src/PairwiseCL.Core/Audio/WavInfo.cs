namespace PairwiseCL.Core.Audio;

/// <summary>What a WAV header says about its audio, without decoding the samples (<see cref="IsFloat"/>: IEEE float samples, which may hold NaN).</summary>
public sealed record WavInfo(int SampleRate, int Channels, int BitsPerSample, long Frames, bool IsFloat = false)
{
    public double DurationSeconds => (double)Frames / SampleRate;
}
