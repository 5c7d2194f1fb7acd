namespace PairwiseCL.Store.Corpora;

/// <summary>The outcome of a delete request; <see cref="Message"/> explains a refusal in words a user can act on.</summary>
public sealed record CorpusDeletion(bool Deleted, string Message);

/// <summary>An experiment that keeps a corpus from being deleted (it fine-tunes or pre-trains on it).</summary>
public sealed record DependentExperiment(int Id, string Name);
