namespace PairwiseCL.Core.Evaluation;

/// <summary>How the p-value of a Mann-Whitney U test is obtained.</summary>
public enum MannWhitneyMethod
{
    /// <summary>Exact when both groups are smaller than 8 and nothing is tied, else asymptotic.</summary>
    Auto,

    /// <summary>The exact null distribution of U (valid only without ties).</summary>
    Exact,

    /// <summary>Normal approximation with tie correction of the variance and continuity correction.</summary>
    Asymptotic,
}
