namespace PairwiseCL.Web.Transfer;

/// <summary>The imported experiment's id, or why the archive was refused (nothing is kept then).</summary>
public sealed record ImportOutcome(int? ExperimentId, string? Problem)
{
    public static ImportOutcome Refused(string problem) => new(null, problem);
}
