namespace PairwiseCL.Core.Tests.Training;

/// <summary>Reports on the calling thread (unlike <see cref="Progress{T}"/>), so tests can react at once.</summary>
internal sealed class ImmediateProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
