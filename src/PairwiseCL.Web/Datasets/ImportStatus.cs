using PairwiseCL.Store.Entities;

namespace PairwiseCL.Web.Datasets;

/// <summary>An import job as the page follows it: state, progress, the per-file log and the error, if any.</summary>
public sealed record ImportStatus(long JobId, JobState State, CorpusImportProgress? Progress, string Log, string? Error)
{
    public bool IsFinished => State is JobState.Succeeded or JobState.Failed or JobState.Cancelled;
}
