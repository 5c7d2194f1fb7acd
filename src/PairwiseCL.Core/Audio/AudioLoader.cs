namespace PairwiseCL.Core.Audio;

/// <summary>Decode, mix to mono, resample, trim or pad: the clip every view sees.</summary>
public sealed class AudioLoader(AudioPreparation preparation, IAudioDecoder? decoder = null)
{
    private readonly IAudioDecoder _decoder = decoder ?? AudioDecoder.Default;

    public AudioPreparation Preparation { get; } = preparation;

    public AudioClip Load(string path, CancellationToken ct = default) => Prepare(_decoder.Decode(path, ct));

    public AudioClip Prepare(AudioClip decoded)
    {
        var resampled = Resampler.Resample(decoded.Samples, decoded.SampleRate, Preparation.SampleRate);
        return new AudioClip(Preparation.FitLength(resampled), Preparation.SampleRate);
    }
}
