namespace PairwiseCL.Core.Corpora;

/// <summary>One leave-one-session-out split: disjoint train, validation (early stopping) and test sets.</summary>
public sealed record Fold(
    int Index,
    string TestSession,
    string ValidationSession,
    IReadOnlyList<Utterance> Train,
    IReadOnlyList<Utterance> Validation,
    IReadOnlyList<Utterance> Test);
