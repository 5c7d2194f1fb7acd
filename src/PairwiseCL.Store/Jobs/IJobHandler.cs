namespace PairwiseCL.Store.Jobs;

/// <summary>Runs one kind of job. Handlers must honour the token: it fires on cancel and on shutdown.</summary>
public interface IJobHandler
{
    /// <summary>The <see cref="JobRequest.Kind"/> this handler runs.</summary>
    string Kind { get; }

    Task RunAsync(JobContext context, CancellationToken cancellationToken);
}

/// <summary>
/// A job kind that, under Hangfire, fans out into other jobs and waits for them (registered by the host, e.g. a
/// protocol experiment): it is queued on <see cref="JobQueues.Control"/> instead of a device queue.
/// </summary>
public sealed record CoordinatingJobKind(string Kind);
