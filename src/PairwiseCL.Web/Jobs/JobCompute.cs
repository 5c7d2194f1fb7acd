namespace PairwiseCL.Web.Jobs;

/// <summary>
/// Runs a long blocking computation (a job's feature extraction and training, the labelling page's first representations
/// of a corpus) on a thread of its own. On a thread-pool thread, minutes of training with synchronous progress writes
/// hold pool threads that the portal's pages, running in the same process with the embedded queue, need to answer: on a
/// 2-core host the pool grows slowly and pages stall.
/// </summary>
internal static class JobCompute
{
    public static Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
}
