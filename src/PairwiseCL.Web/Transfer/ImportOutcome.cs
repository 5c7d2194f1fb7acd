namespace PairwiseCL.Web.Transfer;

/// <summary>The imported experiment's id, or why the archive was refused (nothing is kept then).</summary>
public sealed record ImportOutcome(int? ExperimentId, string? Problem, bool Forbidden = false)
{
    public static ImportOutcome EditorsOnly { get; } = new(null, "Only editors and owners of the workspace can import experiments.", Forbidden: true);

    public static ImportOutcome Refused(string problem) => new(null, problem);
}
