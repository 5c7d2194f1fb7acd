namespace PairwiseCL.Core.Analysis;

/// <summary>
/// One timed t-SNE run on the reference digits beside the reference's own numbers (scikit-learn on a
/// 2-core machine, averaged over its runs).
/// </summary>
public sealed record TsneBenchmarkResult(
    int Points,
    int Features,
    TsneMethod Method,
    double Seconds,
    double Trustworthiness,
    double KnnAccuracy,
    double ReferenceSeconds,
    double ReferenceTrustworthiness,
    double ReferenceKnnAccuracy);
