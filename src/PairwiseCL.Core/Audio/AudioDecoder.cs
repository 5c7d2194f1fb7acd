namespace PairwiseCL.Core.Audio;

/// <summary>
/// WAV natively (<see cref="WavReader"/>); every other format (FLAC, MP3, OGG, M4A, ...) and WAV files
/// in encodings the native reader lacks (mu-law, A-law, ADPCM) through the ffmpeg command line
/// (<see cref="FfmpegDecoder"/>), which must be installed for those.
/// </summary>
public sealed class AudioDecoder(FfmpegDecoder? ffmpeg = null) : IAudioDecoder
{
    private readonly FfmpegDecoder _ffmpeg = ffmpeg ?? new FfmpegDecoder();

    public static AudioDecoder Default { get; } = new();

    /// <summary>Decides by content, not extension: misnamed files are common in collected corpora.</summary>
    public AudioClip Decode(string path, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (WavReader.IsWavFile(path))
        {
            try
            {
                return WavReader.Read(path);
            }
            catch (AudioFormatException wavError) when (IsUnsupportedEncoding(wavError))
            {
                return DecodeWithFfmpegOrExplain(path, wavError, ct);
            }
        }
        // Stubs and non-audio files are refused here, without starting a process per file.
        if (AudioSignature.Problem(path) is { } problem) throw new AudioFormatException(path, problem);
        return _ffmpeg.Decode(path, ct);
    }

    internal static bool IsUnsupportedEncoding(AudioFormatException error) =>
        error.Problem.StartsWith(WavReader.UnsupportedEncodingProblem, StringComparison.Ordinal);

    private AudioClip DecodeWithFfmpegOrExplain(string path, AudioFormatException wavError, CancellationToken ct)
    {
        try
        {
            return _ffmpeg.Decode(path, ct);
        }
        catch (AudioFormatException ffmpegError)
        {
            throw new AudioFormatException(path, $"{wavError.Problem}; ffmpeg did not decode it either: {ffmpegError.Problem}", ffmpegError);
        }
    }
}
