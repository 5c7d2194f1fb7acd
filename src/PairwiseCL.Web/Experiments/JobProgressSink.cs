using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Jobs;

namespace PairwiseCL.Web.Experiments;

/// <summary>
/// Bridges Core's synchronous progress callbacks to the job: every update goes to the in-process
/// <see cref="JobProgressFeed"/> at once, and at most one per interval to the job record (the last one
/// always when <see cref="Flush"/> is called), from the training thread itself.
/// </summary>
public sealed class JobProgressSink(JobContext context, JobProgressFeed feed, TimeSpan interval, CancellationToken cancellationToken)
{
    private readonly Lock gate = new();
    private DateTime lastWrite = DateTime.MinValue;
    private ExperimentProgress? pending;

    public void Report(ExperimentProgress progress)
    {
        feed.Publish(context.JobId, progress);
        lock (gate)
        {
            pending = progress;
            if (DateTime.UtcNow - lastWrite < interval) return;
            lastWrite = DateTime.UtcNow;
        }
        Write(progress);
    }

    public void Flush()
    {
        ExperimentProgress? last;
        lock (gate) last = pending;
        if (last is not null) Write(last);
    }

    private void Write(ExperimentProgress progress) =>
        context.ReportProgressAsync(progress, cancellationToken).GetAwaiter().GetResult();
}
