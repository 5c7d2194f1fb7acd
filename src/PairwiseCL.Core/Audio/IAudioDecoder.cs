namespace PairwiseCL.Core.Audio;

/// <summary>Turns an audio file into mono samples at the file's own rate.</summary>
public interface IAudioDecoder
{
    /// <exception cref="AudioFormatException">The file cannot be decoded; the message names it.</exception>
    AudioClip Decode(string path, CancellationToken ct = default);

    /// <summary>
    /// The first <paramref name="maxSeconds"/> of the file (the whole file when it is shorter). Decoders that
    /// can stop early do, so the work a file causes is bounded by this, not by the length it declares.
    /// </summary>
    /// <exception cref="AudioFormatException">The file cannot be decoded; the message names it.</exception>
    AudioClip Decode(string path, double maxSeconds, CancellationToken ct = default) => Decode(path, ct).FirstSeconds(maxSeconds);
}
