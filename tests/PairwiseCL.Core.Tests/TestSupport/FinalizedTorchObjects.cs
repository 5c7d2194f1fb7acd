using System.Diagnostics.Tracing;
using System.Runtime.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.TestSupport;

/// <summary>
/// Counts TorchSharp Scalars and Tensors that the garbage collector finalized while this listener was open,
/// from the runtime's FinalizeObject events. A finalized Scalar is one nobody disposed: a temporary whose
/// handle libtorch may still have been reading when the finalizer freed it (see ScalarSafe).
/// </summary>
public sealed class FinalizedTorchObjects : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const long GcKeyword = 0x1;
    private static readonly nint ScalarType = typeof(Scalar).TypeHandle.Value;
    private static readonly nint TensorType = typeof(Tensor).TypeHandle.Value;
    private static readonly nint ParameterType = typeof(TorchSharp.Modules.Parameter).TypeHandle.Value;
    private int scalars;
    private int tensors;
    private int finalizations;

    /// <summary>Finalizes what earlier code left behind first, so only what follows is counted.</summary>
    public static FinalizedTorchObjects Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return new FinalizedTorchObjects();
    }

    /// <summary>
    /// Scalars left to the finalizer by <paramref name="work"/>, then by a control that drops exactly one (it shows
    /// the listener sees such a Scalar at all): (0, 1) when the work disposes every Scalar it makes.
    /// </summary>
    public static (int Work, int Control) ScalarsLeftBy(Action work, Action<string> log)
    {
        using var finalized = Start();
        work();
        var afterWork = finalized.SettleAndLog(log);
        DropOneScalar();
        return (afterWork, finalized.SettleAndLog(log) - afterWork);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DropOneScalar() => GC.KeepAlive(1.5.ToScalar());

    private int SettleAndLog(Action<string> log)
    {
        Settle();
        log($"finalized so far: {Scalars} Scalars, {Tensors} Tensors, {Finalizations} objects");
        return Scalars;
    }

    public int Scalars => Volatile.Read(ref scalars);

    public int Tensors => Volatile.Read(ref tensors);

    /// <summary>Every finalization seen, of any type: shows the events arrive at all.</summary>
    public int Finalizations => Volatile.Read(ref finalizations);

    /// <summary>Collects, runs the pending finalizers and waits for their events to be delivered.</summary>
    public void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // Runtime events reach listeners through EventPipe's dispatch thread, a little after the fact: wait
        // until the count has stood still for a second (at most ten), which a loaded CI machine needs.
        var seen = Finalizations;
        for (int polls = 0, still = 0; polls < 100 && still < 5; polls++)
        {
            Thread.Sleep(200);
            var now = Finalizations;
            still = now == seen ? still + 1 : 0;
            seen = now;
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName != "FinalizeObject" || eventData.Payload is not { Count: > 0 } payload)
            return;
        Interlocked.Increment(ref finalizations);
        var type = payload[0] switch { nint p => p, ulong u => (nint)u, long s => (nint)s, _ => 0 };
        if (type == ScalarType)
            Interlocked.Increment(ref scalars);
        else if (type == TensorType || type == ParameterType)
            Interlocked.Increment(ref tensors);
    }
}
