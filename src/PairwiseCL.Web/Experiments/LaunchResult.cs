namespace PairwiseCL.Web.Experiments;

/// <summary>The outcome of a launch: the new experiment and job, or the reasons it was refused (<see cref="DiskFull"/>: nothing could be stored).</summary>
public sealed record LaunchResult(int? ExperimentId, long? JobId, IReadOnlyList<string> Problems, bool Forbidden = false, bool DiskFull = false,
    bool AlreadyAnalysed = false, string? Note = null)
{
    public bool Launched => ExperimentId is not null;

    public static LaunchResult Refused(params string[] problems) => new(null, null, problems);
}
