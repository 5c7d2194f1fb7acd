namespace PairwiseCL.Core.Selection;

/// <summary>
/// Diversity for a cold start, no labels needed: k-center greedy (Sener &amp; Savarese, "Active Learning for
/// Convolutional Neural Networks: A Core-Set Approach", ICLR 2018). Each pick is the unlabelled clip farthest
/// (Euclidean) from everything labelled or already picked, so the picks cover the representation space. With
/// nothing labelled the first pick is the clip nearest the pool's mean (a typical clip, not an outlier). With
/// <paramref name="perGroup"/> the picks go round the groups (speakers) in turn, each the farthest within its group.
/// </summary>
public sealed class KCenterGreedySelection(bool perGroup = false) : ISelectionStrategy
{
    public string Name => perGroup ? "diversity-per-speaker" : "diversity";

    public IReadOnlyList<SelectionPick> Select(SelectionPool pool, int count, CancellationToken cancellationToken = default)
    {
        var candidates = pool.Unlabelled.ToArray();
        var picks = new List<SelectionPick>();
        if (candidates.Length == 0 || count <= 0) return picks;

        var nearest = new double[pool.Count]; // distance of each clip to its nearest centre
        Array.Fill(nearest, double.PositiveInfinity);
        var coldStart = !pool.Labelled.Any();
        foreach (var centre in pool.Labelled) UpdateNearest(pool, candidates, nearest, centre);

        var open = new HashSet<int>(candidates);
        var groups = perGroup && pool.Groups is { } g ? g.Where((_, i) => open.Contains(i)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray() : null;
        var turn = 0;
        while (picks.Count < count && open.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var allowed = open.AsEnumerable();
            if (groups is not null)
            {
                // The next group that still has unlabelled clips.
                string? group = null;
                for (var tries = 0; tries < groups.Length && group is null; tries++, turn++)
                {
                    var candidate = groups[turn % groups.Length];
                    if (open.Any(i => pool.Groups![i] == candidate)) group = candidate;
                }
                allowed = open.Where(i => pool.Groups![i] == group);
            }
            var pick = coldStart && picks.Count == 0
                ? NearestToMean(pool, allowed.ToArray())
                : allowed.OrderByDescending(i => nearest[i]).ThenBy(i => i).First();
            var reason = double.IsPositiveInfinity(nearest[pick])
                ? "first pick: the most typical clip (nearest the mean)"
                : $"far from everything labelled (distance {nearest[pick]:0.###})";
            picks.Add(new SelectionPick(pick, reason));
            open.Remove(pick);
            UpdateNearest(pool, candidates, nearest, pick);
        }
        return picks;
    }

    private static void UpdateNearest(SelectionPool pool, int[] candidates, double[] nearest, int centre)
    {
        foreach (var i in candidates)
            nearest[i] = Math.Min(nearest[i], Distance(pool.Points[i], pool.Points[centre]));
    }

    private static int NearestToMean(SelectionPool pool, int[] allowed)
    {
        var mean = new double[pool.Points[allowed[0]].Length];
        foreach (var i in allowed)
            for (var j = 0; j < mean.Length; j++) mean[j] += pool.Points[i][j] / allowed.Length;
        return allowed.OrderBy(i => Distance(pool.Points[i], mean)).ThenBy(i => i).First();
    }

    internal static double Distance(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++) sum += (a[j] - b[j]) * (a[j] - b[j]);
        return Math.Sqrt(sum);
    }
}
