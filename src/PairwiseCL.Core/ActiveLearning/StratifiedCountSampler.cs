using PairwiseCL.Core.Experiments;

namespace PairwiseCL.Core.ActiveLearning;

/// <summary>
/// The paper's way of choosing labels, at a count instead of a fraction: <paramref name="count"/> clips stratified
/// by class (largest-remainder allocation proportional to class size, at least one per class while the count
/// allows), each class's clips taken as a prefix of a seeded permutation, so for one seed a larger count extends
/// a smaller one (except where rounding moves a clip between classes). It
/// needs every clip's label in advance, so it is an oracle reference for the strategies, not a strategy.
/// </summary>
public static class StratifiedCountSampler
{
    /// <returns>Indices into <paramref name="labels"/>, ascending.</returns>
    public static IReadOnlyList<int> Sample(IReadOnlyList<int> labels, int count, int seed)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "The count cannot be negative.");
        count = Math.Min(count, labels.Count);
        var classes = labels.Distinct().Order().ToArray();
        var members = classes.ToDictionary(c => c, c => Enumerable.Range(0, labels.Count).Where(i => labels[i] == c).ToArray());
        foreach (var c in classes) new Random(StableSeed.Of(seed, c, 17)).Shuffle(members[c]);

        // Largest remainder on the class sizes; then every class gets at least one clip while the count allows,
        // taken from the class with the most.
        var exact = classes.ToDictionary(c => c, c => (double)count * members[c].Length / labels.Count);
        var allocation = classes.ToDictionary(c => c, c => (int)Math.Floor(exact[c]));
        var left = count - allocation.Values.Sum();
        foreach (var c in classes.OrderByDescending(c => exact[c] - allocation[c]).ThenBy(c => c).Take(left))
            allocation[c]++;
        if (count >= classes.Length)
            foreach (var c in classes.Where(c => allocation[c] == 0))
            {
                allocation[classes.MaxBy(k => allocation[k])]--;
                allocation[c] = 1;
            }
        return classes.SelectMany(c => members[c].Take(allocation[c])).Order().ToList();
    }
}
