namespace PairwiseCL.Web.Experiments;

/// <summary>
/// An experiment job's progress as stored in its job record and pushed to open pages: the stage, units
/// done and an ETA, plus, while a model trains, its epochs so far (<see cref="Curve"/>, oldest first).
/// </summary>
public sealed record ExperimentProgress(string Stage, int Done, int Total, string Step, double? SecondsLeft, IReadOnlyList<EpochPoint>? Curve = null)
{
    /// <summary>The latest epoch of the current training, if one is under way.</summary>
    public EpochPoint? Epoch => Curve is { Count: > 0 } curve ? curve[^1] : null;

    public double Fraction => Total > 0 ? Math.Clamp((double)Done / Total, 0, 1) : 0;
}
