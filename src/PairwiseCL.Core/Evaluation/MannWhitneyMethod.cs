namespace PairwiseCL.Core.Evaluation;

/// <summary>How the p-value of a Mann-Whitney U test is obtained.</summary>
public enum MannWhitneyMethod
{
    /// <summary>
    /// Exact when both groups are smaller than 8 and nothing is tied, else asymptotic (the project's rule,
    /// issue 5). SciPy 1.10's own "auto" is exact unless both groups exceed 8, so the two differ only for
    /// untied groups where one has 8 values or one is small and the other large; pass Exact to get SciPy's.
    /// </summary>
    Auto,

    /// <summary>The exact null distribution of U (valid only without ties).</summary>
    Exact,

    /// <summary>Normal approximation with tie correction of the variance and continuity correction.</summary>
    Asymptotic,
}
