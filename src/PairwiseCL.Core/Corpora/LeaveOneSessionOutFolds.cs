namespace PairwiseCL.Core.Corpora;

/// <summary>
/// The paper's protocol: with sessions s0 &lt; s1 &lt; ... &lt; s(n-1) in <see cref="SessionOrder"/>, fold k
/// tests on s(k), validates (early stopping) on the next session s((k + 1) mod n) and trains on all
/// others. Every session is tested exactly once and validates exactly once; pre-training and fine-tuning
/// use the same folds because they depend on nothing but the session names.
/// </summary>
public static class LeaveOneSessionOutFolds
{
    public static IReadOnlyList<Fold> Create(IEnumerable<Utterance> utterances) => Create(utterances, FoldScheme.LeaveOneSessionOut);

    /// <summary>
    /// Folds by session or, for <see cref="FoldScheme.LeaveOneSpeakerOut"/>, by speaker (the fold's "session"
    /// names are then speakers); the next-group validation rule is the same.
    /// </summary>
    public static IReadOnlyList<Fold> Create(IEnumerable<Utterance> utterances, FoldScheme scheme)
    {
        Func<Utterance, string> groupOf = scheme == FoldScheme.LeaveOneSpeakerOut ? u => u.Speaker : u => u.Session;
        var unit = scheme == FoldScheme.LeaveOneSpeakerOut ? "speaker" : "session";
        var bySession = utterances.GroupBy(groupOf).ToDictionary(g => g.Key, g => g.ToList());
        var sessions = bySession.Keys.Order(SessionOrder.Instance).ToList();
        if (sessions.Count < 3)
            throw new ArgumentException(
                $"Leave-one-{unit}-out needs at least 3 {unit}s (test, validation, training); found {sessions.Count}: {string.Join(", ", sessions)}.",
                nameof(utterances));
        return sessions.Select((test, k) =>
        {
            var validation = sessions[(k + 1) % sessions.Count];
            var train = sessions.Where(s => s != test && s != validation).SelectMany(s => bySession[s]).ToList();
            return new Fold(k, test, validation, train, bySession[validation], bySession[test]);
        }).ToList();
    }

    /// <summary>Folds over the utterances that belong to <paramref name="labelSet"/> (excluded ones left out).</summary>
    public static IReadOnlyList<Fold> Create(Corpus corpus, LabelSet labelSet) =>
        Create(corpus.Labelled(labelSet).Select(x => x.Utterance));
}
