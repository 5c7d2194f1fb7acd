namespace PairwiseCL.Core.Analysis;

/// <summary>The 2-D map (one row per input point) and how it was obtained.</summary>
public sealed record TsneResult(double[,] Embedding, TsneMethod Method, int IterationsRun, TimeSpan Elapsed);
