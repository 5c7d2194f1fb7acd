namespace PairwiseCL.Core.Selection;

/// <summary>
/// Diversity for tiny budgets: TypiClust (Hacohen, Dekel and Weinshall, "Active Learning on a Budget: Opposite
/// Strategies Suit High and Low Budgets", ICML 2022). The pool is clustered by k-means into (labelled + requested)
/// clusters; the clusters with the fewest labelled clips, largest first, each give their most typical unlabelled
/// clip: the one with the smallest mean distance to its nearest neighbours in the cluster (20, or half the
/// cluster when smaller). Unlike k-center greedy it prefers dense, representative clips to outliers, which is
/// what a classifier trained on a handful of labels needs.
/// </summary>
public sealed class TypicalClusterSelection(int seed, int neighbours = 20) : ISelectionStrategy
{
    public string Name => "typical";

    public IReadOnlyList<SelectionPick> Select(SelectionPool pool, int count, CancellationToken cancellationToken = default)
    {
        var unlabelled = pool.Unlabelled.ToList();
        count = Math.Min(count, unlabelled.Count);
        if (count <= 0) return [];
        var labelled = pool.Labelled.ToHashSet();
        var clusterCount = Math.Min(pool.Count, labelled.Count + count);
        var cluster = KMeans.Cluster(pool.Points, clusterCount, unchecked(seed * 1_000_003 + labelled.Count) & int.MaxValue,
            cancellationToken: cancellationToken);
        var order = Enumerable.Range(0, clusterCount)
            .Select(c => (Cluster: c, Size: cluster.Count(x => x == c), Labelled: labelled.Count(i => cluster[i] == c)))
            .Where(c => unlabelled.Any(i => cluster[i] == c.Cluster))
            .OrderBy(c => c.Labelled).ThenByDescending(c => c.Size).ThenBy(c => c.Cluster)
            .ToList();
        var taken = new HashSet<int>();
        var picks = new List<SelectionPick>();
        for (var turn = 0; picks.Count < count && order.Count > 0; turn++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (c, size, labelledInCluster) = order[turn % order.Count];
            var members = Enumerable.Range(0, pool.Count).Where(i => cluster[i] == c).ToArray();
            var open = members.Where(i => !labelled.Contains(i) && !taken.Contains(i)).ToArray();
            if (open.Length == 0)
            {
                order.RemoveAt(turn % order.Count);
                turn--;
                continue;
            }
            var k = Math.Max(1, Math.Min(neighbours, members.Length / 2));
            var pick = open.Select(i => (Index: i, Spread: MeanNeighbourDistance(pool, i, members, k))).OrderBy(x => x.Spread).ThenBy(x => x.Index).First();
            taken.Add(pick.Index);
            picks.Add(new SelectionPick(pick.Index, labelledInCluster == 0
                ? $"typical of a group of {size} similar clips with no label yet"
                : $"typical of a group of {size} similar clips with {labelledInCluster} labelled"));
        }
        return picks;
    }

    private static double MeanNeighbourDistance(SelectionPool pool, int index, int[] members, int k)
    {
        if (members.Length < 2) return 0;
        return members.Where(j => j != index)
            .Select(j => Math.Sqrt(KMeans.SquaredDistance(pool.Points[index], pool.Points[j])))
            .Order().Take(k).Average();
    }
}
