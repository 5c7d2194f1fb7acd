namespace PairwiseCL.Core.Progress;

/// <summary>
/// Reports on the caller's thread, in order. Progress&lt;T&gt; posts each report to the thread pool instead: the
/// reports can arrive out of order, and their allocations can start a GC while the training thread is inside a
/// libtorch call, where TorchSharp 0.107 does not keep its Scalar temporaries alive.
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
