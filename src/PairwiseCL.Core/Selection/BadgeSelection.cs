namespace PairwiseCL.Core.Selection;

/// <summary>
/// Hybrid of uncertainty and diversity: BADGE (Ash et al., "Deep Batch Active Learning by Diverse, Uncertain
/// Gradient Lower Bounds", ICLR 2020). Each unlabelled clip is mapped to the gradient of the cross-entropy of its
/// own predicted label with respect to the last layer, g = (p − e_ŷ) ⊗ [x, 1]: its norm grows with the model's
/// uncertainty and its direction follows the representation. k-means++ seeding over those gradients then picks
/// clips that are both uncertain and unlike each other. The first pick is the largest gradient, as in the
/// authors' code; later picks are drawn with probability proportional to the squared distance to the nearest
/// pick (seeded). Without a model (fewer than two classes labelled) it falls back to k-center greedy diversity.
/// </summary>
public sealed class BadgeSelection(int seed) : ISelectionStrategy
{
    public string Name => "hybrid-badge";

    public IReadOnlyList<SelectionPick> Select(SelectionPool pool, int count, CancellationToken cancellationToken = default)
    {
        if (!pool.CanTrainClassifier)
            return new KCenterGreedySelection().Select(pool, count, cancellationToken)
                .Select(p => p with { Reason = $"no model yet (fewer than two classes labelled): {p.Reason}" }).ToList();
        var model = pool.TrainClassifier();
        var candidates = pool.Unlabelled.ToArray();
        var probabilities = candidates.Select(i => model.Probabilities(pool.Points[i])).ToArray();
        var embeddings = candidates.Select((i, k) => GradientEmbedding(pool.Points[i], probabilities[k])).ToArray();

        var random = new Random(unchecked(seed * 1_000_003 + (pool.Count - candidates.Length)) & int.MaxValue);
        var chosen = new List<int>(); // positions in candidates
        var nearest = new double[candidates.Length];
        Array.Fill(nearest, double.PositiveInfinity);
        while (chosen.Count < Math.Min(count, candidates.Length))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = chosen.Count == 0 ? LargestNorm(embeddings) : DrawProportionalToSquare(nearest, chosen, random);
            chosen.Add(next);
            for (var k = 0; k < candidates.Length; k++)
                nearest[k] = Math.Min(nearest[k], KCenterGreedySelection.Distance(embeddings[k], embeddings[next]));
        }
        return chosen.Select(k => new SelectionPick(candidates[k],
            $"model unsure and unlike the other picks: {UncertaintySelection.DescribeTopTwo(probabilities[k], pool.ClassNames)}")).ToList();
    }

    internal static double[] GradientEmbedding(double[] point, double[] probabilities)
    {
        var predicted = Array.IndexOf(probabilities, probabilities.Max());
        var columns = point.Length + 1;
        var embedding = new double[probabilities.Length * columns];
        for (var c = 0; c < probabilities.Length; c++)
        {
            var error = probabilities[c] - (c == predicted ? 1.0 : 0.0);
            for (var j = 0; j < point.Length; j++) embedding[c * columns + j] = error * point[j];
            embedding[c * columns + point.Length] = error;
        }
        return embedding;
    }

    private static int LargestNorm(double[][] embeddings)
    {
        var best = 0;
        var bestNorm = double.NegativeInfinity;
        for (var k = 0; k < embeddings.Length; k++)
        {
            var norm = embeddings[k].Sum(v => v * v);
            if (norm > bestNorm) (best, bestNorm) = (k, norm);
        }
        return best;
    }

    private static int DrawProportionalToSquare(double[] nearest, List<int> chosen, Random random)
    {
        var total = nearest.Sum(d => d * d);
        if (!(total > 0)) // every remaining clip coincides with a pick: take the first one not chosen
            return Enumerable.Range(0, nearest.Length).First(k => !chosen.Contains(k));
        var target = random.NextDouble() * total;
        var last = -1;
        for (var k = 0; k < nearest.Length; k++)
        {
            if (nearest[k] <= 0) continue; // chosen clips are at distance 0 and never drawn again
            last = k;
            target -= nearest[k] * nearest[k];
            if (target <= 0) return k;
        }
        return last;
    }
}
