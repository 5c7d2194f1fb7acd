namespace PairwiseCL.Store.Jobs;

/// <summary>Runs one kind of job. Handlers must honour the token: it fires on cancel and on shutdown.</summary>
public interface IJobHandler
{
    /// <summary>The <see cref="JobRequest.Kind"/> this handler runs.</summary>
    string Kind { get; }

    Task RunAsync(JobContext context, CancellationToken cancellationToken);
}
