using System.Text.Json;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Jobs;

namespace PairwiseCL.Web.Corpora;

/// <summary>What every corpus job's payload names: the corpus and the workspace it was queued in.</summary>
public interface ICorpusJobPayload
{
    int CorpusId { get; }

    int WorkspaceId { get; }
}

/// <summary>
/// A background job on one corpus (pre-train encoders, train a model, predict the rest): reads its payload, loads the
/// corpus as stored in the job's workspace (a corpus deleted since fails the job in words), reports progress through
/// a <see cref="JobProgressSink"/> and always closes the job's live progress feed.
/// </summary>
public abstract class CorpusJobHandler<TPayload>(CorpusRepository corpora, JobProgressFeed feed) : IJobHandler
    where TPayload : ICorpusJobPayload
{
    public abstract string Kind { get; }

    /// <summary>The store's corpora, for what a job reads beside the corpus itself.</summary>
    protected CorpusRepository Corpora => corpora;

    protected static JobRequest Request(string kind, TPayload payload, string? userId) =>
        new(kind, JsonSerializer.Serialize(payload), JobRequest.CpuDevice, payload.WorkspaceId, userId);

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.ReadPayload<TPayload>();
        var corpus = await corpora.LoadAsync(payload.CorpusId, payload.WorkspaceId, cancellationToken)
            ?? throw new InvalidOperationException($"Corpus #{payload.CorpusId} no longer exists.");
        var sink = new JobProgressSink(context, feed, TimeSpan.FromSeconds(1), cancellationToken);
        try
        {
            await RunAsync(context, payload, corpus, sink, cancellationToken);
            sink.Flush();
        }
        finally
        {
            feed.Complete(context.JobId);
        }
    }

    protected abstract Task RunAsync(JobContext context, TPayload payload, Corpus corpus, JobProgressSink sink, CancellationToken cancellationToken);
}
