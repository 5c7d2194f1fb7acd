namespace PairwiseCL.Web.Experiments;

/// <summary>Experiment settings (section "Experiments" of the top-level appsettings.json).</summary>
public sealed class ExperimentOptions
{
    public const string SectionName = "Experiments";

    /// <summary>Longest an experiment name may be.</summary>
    public int MaxNameLength { get; set; } = 200;
}
