using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

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

    /// <summary>Freezes the process (SIGSTOP): it writes nothing more, so what the store shows of its work is final until <see cref="Resume"/>.</summary>
    public void Pause() => Signal(SignalStop);

    /// <summary>Lets a paused process go on (SIGCONT).</summary>
    public void Resume() => Signal(SignalContinue);

    private const int SignalContinue = 18, SignalStop = 19; // Linux x86-64 and arm64

    private void Signal(int signal)
    {
        if (kill(process.Id, signal) != 0)
            throw new InvalidOperationException($"Signal {signal} to process {process.Id} failed (errno {Marshal.GetLastPInvokeError()}).");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
