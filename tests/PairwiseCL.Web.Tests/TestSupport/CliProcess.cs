using System.Diagnostics;

namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>Runs build/pairwisecl (what /usr/local/bin/pairwisecl links to) from the repository root.</summary>
public static class CliProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"build/pairwisecl {arguments}");
        start.Environment["COLUMNS"] = "400"; // long paths stay on one line
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
