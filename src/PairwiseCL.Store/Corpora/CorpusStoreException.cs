namespace PairwiseCL.Store.Corpora;

/// <summary>A corpus could not be stored as asked (e.g. its name is taken); the message says why.</summary>
public sealed class CorpusStoreException(string message) : Exception(message);
