using PairwiseCL.Store.Jobs;

namespace PairwiseCL.Web.Experiments;

/// <summary>
/// Bridges Core's synchronous progress callbacks to the job record: it writes at most one update per
/// interval (the last one always when <see cref="Flush"/> is called), from the training thread itself.
/// </summary>
internal sealed class JobProgressSink(JobContext context, TimeSpan interval, CancellationToken cancellationToken)
{
    private readonly Lock gate = new();
    private DateTime lastWrite = DateTime.MinValue;
    private ExperimentProgress? pending;

    public void Report(ExperimentProgress progress)
    {
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
