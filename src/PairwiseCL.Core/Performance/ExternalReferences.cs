using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace PairwiseCL.Core.Performance;

/// <summary>
/// The reference programs `pairwisecl bench` runs beside ours when they are installed: Debian's python3 with
/// torch / scikit-learn (tools/bench/*.py) and openSMILE's SMILExtract. None is required; each lookup says why
/// a reference is missing.
/// </summary>
public static class ExternalReferences
{
    /// <summary>The repository's tools/bench folder, found upward from the executable (bin/ lies inside the repository).</summary>
    public static string? ScriptFolder(string? from = null)
    {
        for (var dir = new DirectoryInfo(from ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PairwiseCL.Web.sln")))
                return Path.Combine(dir.FullName, "tools", "bench");
        return null;
    }

    /// <summary>Debian's interpreter first (its python3-torch / python3-sklearn), else python3 on PATH.</summary>
    public static string Python() => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>
    /// Runs a reference script that prints one JSON object; null with the reason when python, the module or the
    /// script is missing or it fails.
    /// </summary>
    public static (JsonElement? Result, string? Missing) RunPythonScript(string script, string module, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var folder = ScriptFolder();
        var path = folder is null ? null : Path.Combine(folder, script);
        if (path is null || !File.Exists(path)) return (null, $"tools/bench/{script} not found beside this build");
        var check = Run(Python(), ["-c", $"import {module}"], TimeSpan.FromSeconds(60));
        if (check is null || check.Value.ExitCode != 0) return (null, $"{Python()} without {module} (Debian: apt-get install python3-{(module == "sklearn" ? "sklearn" : module)})");
        var run = Run(Python(), [path, .. arguments], timeout);
        if (run is null) return (null, $"{script} did not finish within {timeout.TotalMinutes:F0} min");
        if (run.Value.ExitCode != 0) return (null, $"{script} failed: {Last(run.Value.Error)}");
        try
        {
            var line = run.Value.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
            using var json = JsonDocument.Parse(line);
            return (json.RootElement.Clone(), null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (null, $"{script} printed no JSON: {Last(run.Value.Output)}");
        }
    }

    /// <summary>
    /// SMILExtract and openSMILE's eGeMAPSv02.conf: --smilextract, else $SMILEXTRACT, else SMILExtract on PATH; the
    /// configuration beside the binary's source tree (config/egemaps/v02/ in a folder above it) unless given.
    /// </summary>
    public static (string? Binary, string? Config, string? Missing) SmileExtract(string? binary, string? config)
    {
        binary ??= Environment.GetEnvironmentVariable("SMILEXTRACT");
        binary ??= (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Path.Combine(p, "SMILExtract")).FirstOrDefault(File.Exists);
        if (binary is null || !File.Exists(binary))
            return (null, null, "SMILExtract not installed (README: building openSMILE for the bench; or --smilextract PATH)");
        if (config is null)
            for (var dir = new FileInfo(Path.GetFullPath(binary)).Directory; dir is not null && config is null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "config", "egemaps", "v02", "eGeMAPSv02.conf");
                if (File.Exists(candidate)) config = candidate;
            }
        if (config is null || !File.Exists(config))
            return (null, null, $"no config/egemaps/v02/eGeMAPSv02.conf above {binary} (give --smile-config)");
        return (binary, config, null);
    }

    /// <summary>Runs a program to the end; null on timeout (then it is killed).</summary>
    public static (int ExitCode, string Output, string Error)? Run(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return null;
        }
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>
    /// CPU seconds (user + system) of this process's finished, waited-for children: cutime + cstime of
    /// /proc/self/stat, in clock ticks of 1/100 s (USER_HZ on Linux); NaN elsewhere.
    /// </summary>
    public static double ChildrenCpuSeconds()
    {
        if (!File.Exists("/proc/self/stat")) return double.NaN;
        var stat = File.ReadAllText("/proc/self/stat");
        // Fields after the command name in parentheses (which may hold spaces): state is field 3, cutime 16, cstime 17.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static string Last(string text) => text.Trim().Split('\n').LastOrDefault()?.Trim() ?? "";
}
