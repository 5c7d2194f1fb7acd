namespace PairwiseCL.Cli.Commands;

/// <summary>
/// Reports on the caller's thread. Progress&lt;T&gt; would post each report to the thread pool, whose allocations
/// can start a GC while the training thread is inside a libtorch call; TorchSharp 0.107 does not keep its
/// Scalar temporaries alive across such calls, so that GC could free one in use.
/// </summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
