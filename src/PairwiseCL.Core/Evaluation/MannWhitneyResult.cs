namespace PairwiseCL.Core.Evaluation;

/// <summary>U is the statistic of the first group (x); the p-value is two-sided.</summary>
public sealed record MannWhitneyResult(double U, double PValue, MannWhitneyMethod Method);
