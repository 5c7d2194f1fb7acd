using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.Training;

public sealed class BatchCollatorTests
{
    [Fact]
    public void FramesAreCroppedToTheLongestValidUtteranceAndPaddedWithZeros()
    {
        using var scope = NewDisposeScope();
        // Two 2-band utterances stored with 5 frames; 3 and 2 of them are real, the rest holds junk.
        var first = new FeatureMatrix([2, 5], [1, 2, 3, 99, 99, 4, 5, 6, 99, 99], 3);
        var second = new FeatureMatrix([2, 5], [7, 8, 99, 99, 99, 9, 10, 99, 99, 99], 2);

        var batch = BatchCollator.Collate([first, second], [1, 0], CPU);

        Assert.Equal(new long[] { 2, 2, 3 }, batch.Features.shape);
        Assert.Equal(new float[] { 7, 8, 0, 9, 10, 0, 1, 2, 3, 4, 5, 6 }, batch.Features.data<float>().ToArray());
        Assert.Equal(new long[] { 2, 3 }, batch.ValidFrames.data<long>().ToArray());
    }

    [Fact]
    public void LayeredFramesKeepTheirLayerAndFeatureLayout()
    {
        using var scope = NewDisposeScope();
        // [layers 2, frames 3, features 2] with 2 valid frames: element (l, t, d) = 100 l + 10 t + d.
        var data = Enumerable.Range(0, 12).Select(i => (float)(100 * (i / 6) + 10 * (i / 2 % 3) + i % 2)).ToArray();
        var utterance = new FeatureMatrix([2, 3, 2], data, 2);

        var batch = BatchCollator.Collate([utterance], [0], CPU);

        Assert.Equal(new long[] { 1, 2, 2, 2 }, batch.Features.shape);
        Assert.Equal(new float[] { 0, 1, 10, 11, 100, 101, 110, 111 }, batch.Features.data<float>().ToArray());
    }

    [Fact]
    public void InconsistentUtterancesAreRejectedWithTheShapeInTheMessage()
    {
        var a = new FeatureMatrix([2, 4], new float[8], 4);
        var b = new FeatureMatrix([3, 4], new float[12], 4);
        var error = Assert.Throws<ArgumentException>(() => BatchCollator.Collate([a, b], [0, 1], CPU));
        Assert.Contains("[3,4]", error.Message);
        Assert.Throws<ArgumentException>(() => BatchCollator.Collate([new FeatureMatrix([2, 4], new float[8], 5)], [0], CPU));
    }

    [Fact]
    public void ShuffledBatchesDependOnlyOnSeedAndEpoch()
    {
        var first = BatchOrder.Shuffled(300, 128, seed: 3, epoch: 7);
        Assert.Equal(first, BatchOrder.Shuffled(300, 128, seed: 3, epoch: 7));
        Assert.NotEqual(first, BatchOrder.Shuffled(300, 128, seed: 3, epoch: 8));
        Assert.Equal([128, 128, 44], first.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 300), first.SelectMany(b => b).Order());
    }

    [Fact]
    public void DatasetsRejectMisalignedViewsAndLabels()
    {
        var two = new List<FeatureMatrix> { FeatureMatrix.Vector([1f]), FeatureMatrix.Vector([2f]) };
        var one = new List<FeatureMatrix> { FeatureMatrix.Vector([1f]) };
        Assert.Throws<ArgumentException>(() => new MultiViewDataset(new Dictionary<string, IReadOnlyList<FeatureMatrix>> { ["a"] = two, ["b"] = one }));
        Assert.Throws<ArgumentException>(() => new MultiViewDataset(new Dictionary<string, IReadOnlyList<FeatureMatrix>> { ["a"] = two }, [0]));
        var dataset = new MultiViewDataset(new Dictionary<string, IReadOnlyList<FeatureMatrix>> { ["a"] = two }, [0, 1]);
        Assert.Equal([1], dataset.Subset([1]).Labels!);
        Assert.Contains("'mel'", Assert.Throws<ArgumentException>(() => dataset.View("mel")).Message);
    }

    [Fact]
    public void ConcatenatedDatasetsKeepOrderAndLabelsAndRejectMismatches()
    {
        var two = new[] { FeatureMatrix.Vector([1f]), FeatureMatrix.Vector([2f]) };
        var three = new[] { FeatureMatrix.Vector([3f]) };
        var first = new MultiViewDataset(new Dictionary<string, IReadOnlyList<FeatureMatrix>> { ["a"] = two }, [0, 1]);
        var second = new MultiViewDataset(new Dictionary<string, IReadOnlyList<FeatureMatrix>> { ["a"] = three }, [2]);

        var both = first.Concat(second);

        Assert.Equal(3, both.Count);
        Assert.Equal([0, 1, 2], both.Labels!);
        Assert.Equal([1f, 2f, 3f], both.View("a").Select(m => m.Data[0]));
        Assert.Throws<ArgumentException>(() => first.Concat(new MultiViewDataset(new Dictionary<string, IReadOnlyList<FeatureMatrix>> { ["b"] = three }, [0])));
        Assert.Throws<ArgumentException>(() => first.Concat(new MultiViewDataset(new Dictionary<string, IReadOnlyList<FeatureMatrix>> { ["a"] = three })));
    }
}
