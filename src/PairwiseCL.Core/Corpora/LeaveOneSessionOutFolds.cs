namespace PairwiseCL.Core.Corpora;

/// <summary>
/// The paper's protocol: with sessions s0 &lt; s1 &lt; ... &lt; s(n-1) in <see cref="SessionOrder"/>, fold k
/// tests on s(k), validates (early stopping) on the next session s((k + 1) mod n) and trains on all
/// others. Every session is tested exactly once and validates exactly once; pre-training and fine-tuning
/// use the same folds because they depend on nothing but the session names.
/// </summary>
public static class LeaveOneSessionOutFolds
{
    public static IReadOnlyList<Fold> Create(IEnumerable<Utterance> utterances)
    {
        var bySession = utterances.GroupBy(u => u.Session).ToDictionary(g => g.Key, g => g.ToList());
        var sessions = bySession.Keys.Order(SessionOrder.Instance).ToList();
        if (sessions.Count < 3)
            throw new ArgumentException(
                $"Leave-one-session-out needs at least 3 sessions (test, validation, training); found {sessions.Count}: {string.Join(", ", sessions)}.",
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
