using System.Diagnostics;

namespace PairwiseCL.Core.Tests.Audio;

/// <summary>Runs the ffmpeg command line to make reference files; false when it fails or is not installed.</summary>
public static class Ffmpeg
{
    public static bool TryRun(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEnd();
            output.GetAwaiter().GetResult();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
