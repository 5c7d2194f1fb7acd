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
    public AudioClip Decode(string path, CancellationToken ct = default) => Decode(path, maxSeconds: null, ct);

    /// <summary>WAV samples cost what the file's bytes cost; ffmpeg is told to stop after <paramref name="maxSeconds"/>.</summary>
    public AudioClip Decode(string path, double maxSeconds, CancellationToken ct = default) => Decode(path, (double?)maxSeconds, ct);

    private AudioClip Decode(string path, double? maxSeconds, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (WavReader.IsWavFile(path))
        {
            try
            {
                var clip = WavReader.Read(path);
                return maxSeconds is { } seconds ? clip.FirstSeconds(seconds) : clip;
            }
            catch (AudioFormatException wavError) when (IsUnsupportedEncoding(wavError))
            {
                return DecodeWithFfmpegOrExplain(path, wavError, maxSeconds, ct);
            }
        }
        // Stubs and non-audio files are refused here, without starting a process per file.
        if (AudioSignature.Problem(path) is { } problem) throw new AudioFormatException(path, problem);
        return _ffmpeg.Decode(path, maxSeconds, ct);
    }

    internal static bool IsUnsupportedEncoding(AudioFormatException error) =>
        error.Problem.StartsWith(WavReader.UnsupportedEncodingProblem, StringComparison.Ordinal);

    private AudioClip DecodeWithFfmpegOrExplain(string path, AudioFormatException wavError, double? maxSeconds, CancellationToken ct)
    {
        try
        {
            return _ffmpeg.Decode(path, maxSeconds, ct);
        }
        catch (AudioFormatException ffmpegError)
        {
            throw new AudioFormatException(path, $"{wavError.Problem}; ffmpeg did not decode it either: {ffmpegError.Problem}", ffmpegError);
        }
    }
}
