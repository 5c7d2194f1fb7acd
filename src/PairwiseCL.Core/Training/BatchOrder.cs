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
}
