namespace PairwiseCL.Core.Corpora.Importers;

/// <summary>The imported corpus and everything that was skipped on the way (never silently).</summary>
public sealed record ImportResult(Corpus Corpus, IReadOnlyList<ImportProblem> Problems);
