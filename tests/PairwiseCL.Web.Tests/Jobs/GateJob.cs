using PairwiseCL.Store.Jobs;

namespace PairwiseCL.Web.Tests.Jobs;

/// <summary>Records how many gate jobs run at once; each waits until the test opens the gate or cancels it.</summary>
public sealed class GateProbe
{
    private int running;
    private int maxRunning;

    public SemaphoreSlim Gate { get; } = new(0);

    public int MaxRunning => Volatile.Read(ref maxRunning);

    public void Enter()
    {
        var now = Interlocked.Increment(ref running);
        int seen;
        while (now > (seen = Volatile.Read(ref maxRunning)) && Interlocked.CompareExchange(ref maxRunning, now, seen) != seen)
        {
        }
    }

    public void Leave() => Interlocked.Decrement(ref running);
}

public sealed class GateJob(GateProbe probe) : IJobHandler
{
    public const string JobKind = "test-gate";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        probe.Enter();
        try
        {
            await context.ReportProgressAsync(new { waiting = true }, cancellationToken);
            await probe.Gate.WaitAsync(cancellationToken);
        }
        finally
        {
            probe.Leave();
        }
    }
}
