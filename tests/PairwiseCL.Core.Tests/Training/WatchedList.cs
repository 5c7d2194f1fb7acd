namespace PairwiseCL.Core.Tests.Training;

/// <summary>A read-only list that calls back on every element read (to act in the middle of an epoch).</summary>
internal sealed class WatchedList<T>(IReadOnlyList<T> inner, Action onRead) : IReadOnlyList<T>
{
    public T this[int index] { get { onRead(); return inner[index]; } }

    public int Count => inner.Count;

    public IEnumerator<T> GetEnumerator() => Enumerable.Range(0, Count).Select(i => this[i]).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
