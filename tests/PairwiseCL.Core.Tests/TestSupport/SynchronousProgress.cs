namespace PairwiseCL.Core.Tests.TestSupport;

/// <summary>IProgress that records on the reporting thread (Progress&lt;T&gt; posts later, racing the asserts).</summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Lock _gate = new();

    public void Report(T value)
    {
        lock (_gate) report(value);
    }
}
