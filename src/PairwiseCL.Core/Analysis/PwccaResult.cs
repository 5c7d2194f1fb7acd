namespace PairwiseCL.Core.Analysis;

/// <summary>
/// Projection-weighted CCA of two representations: <see cref="Similarity"/> is the weighted mean of the
/// canonical correlations; <see cref="MeanCca"/> their plain mean (the SVCCA-style summary); the weights
/// sum to one and belong to the side with fewer neurons.
/// </summary>
public sealed record PwccaResult(
    double Similarity,
    double MeanCca,
    IReadOnlyList<double> CanonicalCorrelations,
    IReadOnlyList<double> Weights);
