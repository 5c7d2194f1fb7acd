using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Jobs;

namespace PairwiseCL.Web.Experiments;

/// <summary>
/// Jobs:Engine = hangfire: an experiment's job becomes a graph of jobs that any worker host can take. Its own job
/// (queue "control", holding no device) queues every pre-training part, then each fold's fine-tuning parts once that
/// fold's pre-trainings have succeeded, then the final report once every part has; it follows them through the store
/// (a counter of succeeded parts, not Hangfire batches), shows their progress as the experiment's, and passes a cancel
/// on to them. Runs are files keyed by configuration hash, so a part delivered twice, or run again after its worker
/// died, stores each run once. Re-attaching is safe: a coordinator that was queued again (its worker died) or retried
/// finds its parts by <see cref="JobEntity.ParentJobId"/> and queues only the missing ones.
/// </summary>
public sealed class ExperimentFanOut(JobStore store, IJobDispatcher dispatcher, IOptions<JobOptions> options, ILogger<ExperimentFanOut> logger)
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>The final report's share of the work, in protocol units.</summary>
    private const int ReportUnits = 1;

    public async Task RunAsync(JobContext context, int experimentId, IReadOnlyList<ProtocolPart> parts, Action<ExperimentProgress> report, CancellationToken cancellationToken)
    {
        var own = await store.FindAsync(context.JobId, cancellationToken) ?? throw new InvalidOperationException($"Job #{context.JobId} is gone.");
        var total = parts.Sum(p => p.Units) + ReportUnits;
        var children = await PartsAsync(context.JobId, cancellationToken);
        // A retried experiment runs again the parts that failed or were cancelled; their finished runs are kept.
        foreach (var (job, _) in children.Where(c => c.Job.State is JobState.Failed or JobState.Cancelled))
            await dispatcher.RetryAsync(job.Id, cancellationToken);
        await context.LogAsync(parts.Count == 0
            ? $"runs whole as one job on device kind {options.Value.ExperimentDevice}"
            : $"fanned out: {parts.Count} parts ({parts.Count(p => p.Kind == ProtocolPartKind.Pretraining)} pre-trainings, "
              + $"{parts.Count(p => p.Kind == ProtocolPartKind.FineTuning)} fine-tuning chunks) and a final report, on device kind {options.Value.ExperimentDevice}", cancellationToken);

        var clock = Stopwatch.StartNew();
        double? doneAtStart = null;
        try
        {
            while (true)
            {
                children = await PartsAsync(context.JobId, cancellationToken);
                if (children.FirstOrDefault(c => c.Job.State is JobState.Failed or JobState.Cancelled) is { Job: not null } broken)
                {
                    await CancelActiveAsync(children);
                    throw new InvalidOperationException($"Part #{broken.Job.Id} ({Describe(broken.Part)}) "
                        + (broken.Job.State == JobState.Cancelled ? "was cancelled" : $"failed: {broken.Job.Error}")
                        + "; the experiment's other parts were cancelled. Retry the experiment to run what did not finish (finished runs are kept).");
                }
                var byPart = children.Where(c => c.Part is not null).GroupBy(c => c.Part!).ToDictionary(g => g.Key, g => g.Last().Job);
                foreach (var part in parts.Where(p => !byPart.ContainsKey(p) && Ready(p, parts, byPart)))
                    await QueueAsync(context, own, experimentId, part, cancellationToken);
                var final = children.FirstOrDefault(c => c.Part is null).Job;
                if (final is null && parts.All(p => byPart.GetValueOrDefault(p)?.State == JobState.Succeeded))
                    await QueueAsync(context, own, experimentId, null, cancellationToken);
                if (final?.State == JobState.Succeeded)
                {
                    report(new ExperimentProgress("training", total, total, "every part and the final report done", 0));
                    return;
                }

                var done = parts.Sum(p => byPart.GetValueOrDefault(p) is { } job ? Units(job, p.Units) : 0) + (final is null ? 0 : Units(final, ReportUnits));
                doneAtStart ??= done;
                var rate = (done - doneAtStart.Value) / Math.Max(1, clock.Elapsed.TotalSeconds);
                var running = children.Where(c => c.Job.State == JobState.Running).ToList();
                var step = $"{children.Count(c => c.Job.State == JobState.Succeeded)} of {parts.Count + 1} parts done on the workers"
                    + (running.Count == 0 ? "" : "; running: " + string.Join("; ", running.Take(4).Select(c => $"{Describe(c.Part)} on {c.Job.Worker ?? "?"}"))
                        + (running.Count > 4 ? $" and {running.Count - 4} more" : ""));
                report(new ExperimentProgress("training", (int)Math.Floor(done), total, step, rate > 0 ? (total - done) / rate : null));
                await Task.Delay(Poll, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A cancel of the experiment stops its parts on every host; a worker shutting down leaves them to the others.
            if ((await store.FindAsync(context.JobId, CancellationToken.None))?.CancelRequested == true)
                await CancelActiveAsync(await PartsAsync(context.JobId, CancellationToken.None));
            throw;
        }
    }

    /// <summary>A fine-tuning part needs its fold's pre-trainings finished: it restores them from their checkpoints.</summary>
    private static bool Ready(ProtocolPart part, IReadOnlyList<ProtocolPart> parts, IReadOnlyDictionary<ProtocolPart, JobSummary> byPart) =>
        part.Kind == ProtocolPartKind.Pretraining
        || parts.Where(p => p.Kind == ProtocolPartKind.Pretraining && p.Fold == part.Fold).All(p => byPart.GetValueOrDefault(p)?.State == JobState.Succeeded);

    /// <summary>A part's finished share: all of it when it succeeded, the share its own progress reports while it trains.</summary>
    private static double Units(JobSummary job, int units) => job.State switch
    {
        JobState.Succeeded => units,
        JobState.Running when ExperimentProgressReader.Read(job.ProgressJson) is { Stage: "training" } progress => progress.Fraction * units,
        _ => 0,
    };

    private async Task QueueAsync(JobContext context, JobEntity own, int experimentId, ProtocolPart? part, CancellationToken cancellationToken)
    {
        var id = await dispatcher.EnqueueAsync(new JobRequest(ExperimentPartJobHandler.JobKind, ExperimentPartJobHandler.PayloadJson(experimentId, context.JobId, part),
            options.Value.ExperimentDevice, own.WorkspaceId, own.CreatedByUserId, context.JobId), cancellationToken);
        logger.LogInformation("Experiment job {Parent}: queued part {Id} ({Part})", context.JobId, id, Describe(part));
    }

    private async Task CancelActiveAsync(IEnumerable<(JobSummary Job, ProtocolPart? Part)> children)
    {
        foreach (var (job, _) in children.Where(c => c.Job.State is JobState.Queued or JobState.Running))
            await dispatcher.CancelAsync(job.Id, CancellationToken.None);
    }

    private async Task<List<(JobSummary Job, ProtocolPart? Part)>> PartsAsync(long parentJobId, CancellationToken cancellationToken) =>
        (await store.ListPartsAsync(parentJobId, cancellationToken))
            .Select(j => (j, JsonSerializer.Deserialize<ExperimentPartJobHandler.Payload>(j.PayloadJson)?.Part)).ToList();

    private static string Describe(ProtocolPart? part) => part?.Describe() ?? "final report";
}
