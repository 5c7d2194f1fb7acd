namespace PairwiseCL.Core.Training;

/// <summary>
/// Batch orders. The shuffle depends only on (seed, epoch), never on earlier draws, so a run resumed at any
/// epoch sees the same batches as an uninterrupted one.
/// </summary>
public static class BatchOrder
{
    public static IReadOnlyList<int[]> Shuffled(int count, int batchSize, int seed, int epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        // HashCode.Combine is randomised per process; a stable mix keeps runs reproducible across processes.
        new Random(Experiments.StableSeed.Of(seed, epoch, 0x5eed)).Shuffle(order);
        return order.Chunk(batchSize).ToArray();
    }

    public static IReadOnlyList<int[]> Sequential(int count, int batchSize) => Enumerable.Range(0, count).Chunk(batchSize).ToArray();

    /// <summary>
    /// Length buckets: utterances sorted by their length times a jitter of +-10 % drawn from (seed, epoch), cut
    /// into batches of similar lengths, the batches in shuffled order. The jitter changes which neighbours share
    /// a batch from epoch to epoch at little extra padding; ties (equal lengths) fall in random order.
    /// </summary>
    public static IReadOnlyList<int[]> Bucketed(IReadOnlyList<int> lengths, int batchSize, int seed, int epoch)
    {
        var random = new Random(Experiments.StableSeed.Of(seed, epoch, 0xb0c4));
        var keys = lengths.Select(l => l * (0.9 + 0.2 * random.NextDouble())).ToArray();
        var batches = Enumerable.Range(0, lengths.Count).OrderBy(i => keys[i]).ThenBy(i => i).Chunk(batchSize).ToArray();
        random.Shuffle(batches);
        return batches;
    }

    /// <summary>Batches of utterances in length order (evaluation: no randomness, least padding).</summary>
    public static IReadOnlyList<int[]> ByLength(IReadOnlyList<int> lengths, int batchSize) =>
        Enumerable.Range(0, lengths.Count).OrderBy(i => lengths[i]).ThenBy(i => i).Chunk(batchSize).ToArray();

    /// <summary>
    /// Training batches under a padding policy: shuffled (the paper's) or length buckets. Lengths are asked for
    /// only when bucketing (reading them may touch every utterance's features).
    /// </summary>
    public static IReadOnlyList<int[]> ForTraining(BatchPadding padding, int count, Func<IReadOnlyList<int>> lengths, int batchSize, int seed, int epoch) =>
        padding == BatchPadding.Bucketed ? Bucketed(lengths(), batchSize, seed, epoch) : Shuffled(count, batchSize, seed, epoch);

    /// <summary>Evaluation batches under a padding policy: dataset order (the paper's) or length order.</summary>
    public static IReadOnlyList<int[]> ForEvaluation(BatchPadding padding, int count, Func<IReadOnlyList<int>> lengths, int batchSize) =>
        padding == BatchPadding.Bucketed ? ByLength(lengths(), batchSize) : Sequential(count, batchSize);

    /// <summary>Each utterance's valid frame count (1 for utterance-level views).</summary>
    public static int[] Lengths(IReadOnlyList<Views.FeatureMatrix> features) => features.Select(f => f.ValidFrames).ToArray();
}
