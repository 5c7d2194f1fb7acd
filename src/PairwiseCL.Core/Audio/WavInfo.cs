namespace PairwiseCL.Core.Audio;

/// <summary>What a WAV header says about its audio, without decoding the samples.</summary>
public sealed record WavInfo(int SampleRate, int Channels, int BitsPerSample, long Frames)
{
    public double DurationSeconds => (double)Frames / SampleRate;
}
