using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.Jobs;

/// <summary>A job as the jobs page lists it.</summary>
public sealed record JobSummary(
    long Id,
    string Kind,
    JobState State,
    string Device,
    int Attempts,
    string? ProgressJson,
    string? Error,
    bool CancelRequested,
    DateTime CreatedAtUtc,
    DateTime? StartedAtUtc,
    DateTime? FinishedAtUtc,
    string PayloadJson = "{}",
    string? Worker = null);
