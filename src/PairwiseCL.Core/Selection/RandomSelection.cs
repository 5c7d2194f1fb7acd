namespace PairwiseCL.Core.Selection;

/// <summary>Unlabelled clips in a seeded random order: the baseline every other strategy must beat.</summary>
public sealed class RandomSelection(int seed) : ISelectionStrategy
{
    public string Name => "random";

    public IReadOnlyList<SelectionPick> Select(SelectionPool pool, int count, CancellationToken cancellationToken = default)
    {
        var candidates = pool.Unlabelled.ToArray();
        // Seeded by the number of labels too, so successive rounds of one loop do not replay the same order
        // (HashCode.Combine would differ between processes).
        var random = new Random(unchecked(seed * 1_000_003 + (pool.Count - candidates.Length)) & int.MaxValue);
        random.Shuffle(candidates);
        return candidates.Take(Math.Max(0, count)).Select(i => new SelectionPick(i, "drawn at random")).ToList();
    }
}
