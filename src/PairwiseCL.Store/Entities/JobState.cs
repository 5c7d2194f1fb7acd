namespace PairwiseCL.Store.Entities;

/// <summary>Life cycle of a queued job. Stored as text so the database reads without this enum.</summary>
public enum JobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
