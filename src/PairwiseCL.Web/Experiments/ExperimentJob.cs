using PairwiseCL.Store.Entities;

namespace PairwiseCL.Web.Experiments;

/// <summary>A job working on an experiment, as its pages show it.</summary>
public sealed record ExperimentJob(long Id, JobState State, string? ProgressJson, string? Error)
{
    public bool IsActive => State is JobState.Queued or JobState.Running;
}
