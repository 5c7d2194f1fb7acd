namespace PairwiseCL.Store.Jobs;

/// <summary>
/// Wakes idle device loops when a job is queued in this process, so they need not wait for the next
/// poll. Loops take <see cref="Next"/> before looking for work, so a pulse in between is not lost.
/// </summary>
public sealed class JobSignal
{
    private TaskCompletionSource next = NewSource();

    public Task Next => Volatile.Read(ref next).Task;

    public void Pulse() => Interlocked.Exchange(ref next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
