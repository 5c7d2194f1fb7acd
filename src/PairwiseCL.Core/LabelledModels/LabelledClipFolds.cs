namespace PairwiseCL.Core.LabelledModels;

/// <summary>One held-out part of a lab's labelled clips: what it is called and which clips it tests on.</summary>
public sealed record HeldOutFold(string Name, IReadOnlyList<int> Test);

/// <summary>
/// How a model trained on a lab's own labelled clips is estimated honestly: leave one speaker out when there are
/// two or more speakers (no speaker is ever on both sides), otherwise stratified k-fold (k = 5, or fewer when the
/// smallest class has fewer clips), seeded.
/// </summary>
public static class LabelledClipFolds
{
    public const string LeaveOneSpeakerOut = "leave-one-speaker-out", StratifiedKFold = "stratified k-fold";

    public static (string Scheme, IReadOnlyList<HeldOutFold> Folds) Create(IReadOnlyList<string> speakers, IReadOnlyList<int> labels, int seed)
    {
        if (speakers.Count != labels.Count) throw new ArgumentException($"{speakers.Count} speakers but {labels.Count} labels.", nameof(labels));
        if (labels.Count < 2) throw new ArgumentException("An estimate needs at least two labelled clips.", nameof(labels));
        var bySpeaker = Enumerable.Range(0, speakers.Count).GroupBy(i => speakers[i]).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (bySpeaker.Count >= 2)
            return (LeaveOneSpeakerOut, bySpeaker.Select(g => new HeldOutFold($"speaker {g.Key}", g.ToList())).ToList());

        var smallest = labels.GroupBy(l => l).Min(g => g.Count());
        var k = Math.Clamp(smallest, 2, 5);
        var random = new Random(seed);
        var folds = Enumerable.Range(0, k).Select(_ => new List<int>()).ToList();
        // Each class dealt round-robin over the folds after a seeded shuffle, so every fold sees every class it can.
        var next = 0;
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            foreach (var member in members) folds[next++ % k].Add(member);
        }
        return (StratifiedKFold, folds.Where(f => f.Count > 0).Select((f, i) => new HeldOutFold($"fold {i + 1}", f.Order().ToList())).ToList());
    }
}
