using PairwiseCL.Core.Training;

namespace PairwiseCL.Core.Tests.Training;

public sealed class BatchOrderTests
{
    [Fact]
    public void TheShuffleIsTheSameInEveryProcess()
    {
        // A literal, not a second call: a per-process random seed (HashCode.Combine) passes an in-process
        // comparison and still breaks reproducibility between two runs of the CLI.
        var batches = BatchOrder.Shuffled(count: 10, batchSize: 4, seed: 1, epoch: 2);
        Assert.Equal(new[] { new[] { 4, 9, 6, 7 }, new[] { 3, 1, 5, 2 }, new[] { 8, 0 } }, batches);
    }

    [Fact]
    public void EpochsAndSeedsShuffleDifferentlyAndEveryItemAppearsOnce()
    {
        var first = BatchOrder.Shuffled(50, 8, seed: 3, epoch: 0).SelectMany(b => b).ToArray();
        var second = BatchOrder.Shuffled(50, 8, seed: 3, epoch: 1).SelectMany(b => b).ToArray();
        var other = BatchOrder.Shuffled(50, 8, seed: 4, epoch: 0).SelectMany(b => b).ToArray();
        Assert.Equal(Enumerable.Range(0, 50), first.Order());
        Assert.NotEqual(first, second);
        Assert.NotEqual(first, other);
    }
}
