namespace PairwiseCL.Core.Audio;

/// <summary>
/// WAV natively (<see cref="WavReader"/>); every other format (FLAC, MP3, OGG, M4A, ...) through the
/// ffmpeg command line (<see cref="FfmpegDecoder"/>), which must be installed for those.
/// </summary>
public sealed class AudioDecoder(FfmpegDecoder? ffmpeg = null) : IAudioDecoder
{
    private readonly FfmpegDecoder _ffmpeg = ffmpeg ?? new FfmpegDecoder();

    public static AudioDecoder Default { get; } = new();

    public AudioClip Decode(string path, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return IsWav(path) ? WavReader.Read(path) : _ffmpeg.Decode(path, ct);
    }

    /// <summary>Decides by content, not extension: misnamed files are common in collected corpora.</summary>
    private static bool IsWav(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> header = stackalloc byte[12];
            var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            if (read == 0) throw new AudioFormatException(path, "is empty (0 bytes)");
            return WavReader.LooksLikeWav(header[..read]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AudioFormatException(path, $"cannot be read ({ex.Message})", ex);
        }
    }
}
