namespace PairwiseCL.Core.Analysis;

/// <summary>Where a t-SNE run is: its stage ("neighbours", "affinities", "optimisation") and iteration.</summary>
public sealed record TsneProgress(string Stage, int Iteration, int TotalIterations, double GradientNorm);
