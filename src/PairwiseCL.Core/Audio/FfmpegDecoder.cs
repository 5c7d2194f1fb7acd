using System.ComponentModel;
using System.Diagnostics;
using PairwiseCL.Core.Files;

namespace PairwiseCL.Core.Audio;

/// <summary>
/// Decodes any format ffmpeg knows by running it with the file as input and a float WAV on standard
/// output, which <see cref="WavReader"/> then reads (it carries the rate, so no ffprobe call is needed).
/// All channels are kept and mixed by <see cref="WavReader"/>, so WAV and non-WAV input are mixed alike.
/// </summary>
public sealed class FfmpegDecoder(string executable = "ffmpeg")
{
    public string Executable { get; } = executable;

    public AudioClip Decode(string path, CancellationToken ct = default) => Decode(path, maxSeconds: null, ct);

    /// <param name="maxSeconds">when set, ffmpeg stops after that much audio (-t): a highly compressed file cannot make it decode hours</param>
    public AudioClip Decode(string path, double? maxSeconds, CancellationToken ct = default)
    {
        if (!File.Exists(path)) throw new AudioFormatException(path, "does not exist");
        if (ProtectedFiles.IsProtected(path)) throw new AudioFormatException(path, ProtectedFiles.NotAudioProblem);
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-nostdin", "-hide_banner", "-loglevel", "error", "-i", Path.GetFullPath(path),
                     "-vn", "-map", "0:a:0", "-c:a", "pcm_f32le", "-f", "wav" })
            start.ArgumentList.Add(argument);
        if (maxSeconds is { } seconds)
        {
            start.ArgumentList.Add("-t");
            start.ArgumentList.Add(seconds.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture));
        }
        start.ArgumentList.Add("pipe:1");

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("the process did not start");
        }
        catch (Win32Exception ex)
        {
            throw new AudioFormatException(path,
                $"is not a WAV file, and other formats (FLAC, MP3, OGG, M4A, ...) are decoded with ffmpeg, which could not be started as '{Executable}' ({ex.Message}); install it (Debian: apt-get install ffmpeg)", ex);
        }

        using (process)
        {
            // Both pipes are drained concurrently: a full stderr buffer would otherwise stall ffmpeg.
            using var output = new MemoryStream();
            var stdout = process.StandardOutput.BaseStream.CopyToAsync(output, ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            try
            {
                process.WaitForExitAsync(ct).GetAwaiter().GetResult();
                stdout.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            var errors = stderr.GetAwaiter().GetResult().Trim();
            if (process.ExitCode != 0 || output.Length == 0)
            {
                var reason = errors.Length == 0 ? $"exit code {process.ExitCode}" : LastLine(errors);
                throw new AudioFormatException(path, $"cannot be decoded by ffmpeg ({reason})");
            }
            return WavReader.Read(output.ToArray(), path);
        }
    }

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();
}
