namespace PairwiseCL.Core.Audio;

/// <summary>Turns an audio file into mono samples at the file's own rate.</summary>
public interface IAudioDecoder
{
    /// <exception cref="AudioFormatException">The file cannot be decoded; the message names it.</exception>
    AudioClip Decode(string path, CancellationToken ct = default);
}
