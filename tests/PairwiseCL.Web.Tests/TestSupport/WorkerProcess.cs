namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>
/// The built portal in worker mode (<c>dotnet PairwiseCL.Web.dll worker ...</c>, what <c>pairwisecl worker</c> runs) as a
/// separate process, so a test can run several workers over one store and kill one as a crash would.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly PortalBinaryProcess process;

    private WorkerProcess(IEnumerable<string> arguments) => process = new PortalBinaryProcess(arguments.Prepend("worker"));

    /// <summary>Everything the process wrote, for failure messages.</summary>
    public string Output => process.Output;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>
    /// Starts a worker with <paramref name="arguments"/> (its options, then <c>--Section:Key=value</c> settings) and waits
    /// until it serves its Hangfire queues, or until it exits (a refusal: see <see cref="ExitCode"/> and <see cref="Output"/>).
    /// </summary>
    public static async Task<WorkerProcess> StartAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var worker = new WorkerProcess(arguments);
        var deadline = DateTime.UtcNow + timeout;
        while (!worker.HasExited && !worker.Output.Contains("serves queue", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                worker.Dispose();
                Assert.Fail($"The worker did not start within {timeout}:\n{worker.Output}");
            }
            await Task.Delay(100);
        }
        if (worker.HasExited) worker.process.WaitForExit();
        return worker;
    }

    /// <summary>Ends the process at once (SIGKILL), as a crash or power loss would: nothing is flushed or handed back.</summary>
    public void Kill() => process.Kill();

    /// <inheritdoc cref="PortalBinaryProcess.Pause"/>
    public void Pause() => process.Pause();

    /// <inheritdoc cref="PortalBinaryProcess.Resume"/>
    public void Resume() => process.Resume();

    public void Dispose() => process.Dispose();
}
