using System.Collections.Concurrent;
using System.Diagnostics;

namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>
/// The built portal binary (<c>dotnet PairwiseCL.Web.dll ARGUMENTS</c>) as a child process whose output is kept for failure
/// messages, and which a test can kill as a crash would. <see cref="PortalProcess"/> and <see cref="WorkerProcess"/> run it.
/// </summary>
public sealed class PortalBinaryProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    public PortalBinaryProcess(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PairwiseCL.Web.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything the process wrote so far.</summary>
    public string Output => string.Join('\n', output);

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Waits until the process has exited and its output is drained.</summary>
    public void WaitForExit() => process.WaitForExit();

    /// <summary>Ends the process and its children at once (SIGKILL), as a crash or power loss would: nothing is flushed or handed back.</summary>
    public void Kill()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
