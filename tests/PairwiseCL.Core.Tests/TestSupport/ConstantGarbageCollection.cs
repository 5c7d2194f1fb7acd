namespace PairwiseCL.Core.Tests.TestSupport;

/// <summary>
/// A thread that collects garbage and runs finalizers as fast as it can until disposed: whatever a finalizer
/// can free while libtorch still reads it (an unnamed TorchSharp Scalar or Tensor temporary) is freed mid-call
/// often enough to fail a test within seconds.
/// </summary>
public sealed class ConstantGarbageCollection : IDisposable
{
    private readonly Thread collector;
    private volatile bool stop;
    private int collections;

    private ConstantGarbageCollection()
    {
        collector = new Thread(() =>
        {
            while (!stop)
            {
                GC.KeepAlive(new byte[4096]);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Interlocked.Increment(ref collections);
            }
        }) { IsBackground = true };
        collector.Start();
    }

    public static ConstantGarbageCollection Start() => new();

    public int Collections => Volatile.Read(ref collections);

    public void Dispose()
    {
        stop = true;
        collector.Join();
    }
}
