using System.Text;

namespace PairwiseCL.Core.Corpora;

/// <summary>
/// Sparse-label subsets for fine-tuning: round(p x n_c) items (at least one) of each class c of the
/// training items, chosen by a seeded random permutation of that class. The permutation depends only on
/// the seed, the class and the ids of its items (sorted, so input order does not matter), and the subset
/// is a prefix of it, so for one seed the subsets are nested: the 2% subset lies inside the 5% subset,
/// which lies inside the 10% subset, and so on.
/// </summary>
public static class LabelFractionSampler
{
    /// <returns>The chosen items, in their input order.</returns>
    public static IReadOnlyList<(Utterance Utterance, int ClassIndex)> Sample(
        IReadOnlyList<(Utterance Utterance, int ClassIndex)> training, double fraction, int seed)
    {
        if (!(fraction > 0 && fraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The label fraction must be in (0, 1].");
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in training.GroupBy(x => x.ClassIndex))
        {
            var ids = group.Select(x => x.Utterance.Id).Order(StringComparer.Ordinal).ToArray();
            Shuffle(ids, new Random(seed ^ StableHash($"class {group.Key}")));
            var count = Math.Clamp((int)Math.Round(fraction * ids.Length, MidpointRounding.AwayFromZero), 1, ids.Length);
            chosen.UnionWith(ids.Take(count));
        }
        return training.Where(x => chosen.Contains(x.Utterance.Id)).ToList();
    }

    private static void Shuffle(string[] items, Random random)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>FNV-1a: string.GetHashCode is randomised per process, which would break reproducibility.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text)) hash = (hash ^ b) * 16777619u;
        return unchecked((int)hash);
    }
}
