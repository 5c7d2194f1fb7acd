using PairwiseCL.Core.Models;
using PairwiseCL.Core.Tests.Numerics;
using PairwiseCL.Core.Tests.TestSupport;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.Training;

/// <summary>
/// Padding = Bucketed: batches of similar lengths padded only to their longest clip must give the encoders the
/// same numbers as the paper's 15 s padding (training included: batch norm must not count padding), reproducibly.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public sealed class LengthBucketingTests
{
    private const int FifteenSeconds = 1501;

    [Fact]
    public void MelEncoderTrainsOnTheSameNumbersWhetherABatchIsPaddedTo15sOrToItsLongestClip()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        // Float64 throughout: both paths compute the same sums in other shapes, so they agree to ~1e-15, and
        // anything padding changes (batch-norm statistics over zeros) shows as a difference of order 1e-2.
        var config = new MelCnnConfig(FirstChannels: 4, SecondChannels: 8, OutputSize: 16);
        var padded = new MelCnnEncoder(config);
        var bucketed = new MelCnnEncoder(config);
        bucketed.load_state_dict(padded.state_dict());
        padded.to(ScalarType.Float64).train();
        bucketed.to(ScalarType.Float64).train();
        var valid = tensor(new long[] { 40, 97, 150 });
        var clips = ScalarSafe.AddConstant(ScalarSafe.Multiply(randn([3, 64, 150], dtype: ScalarType.Float64), 3), 1);
        // Beyond a clip's valid frames the stored features hold junk in the 15 s case; masking must keep it out.
        // Scalars are named: a dispose scope holds tensors, not Scalars (see ScalarSafe).
        using var junk = 50.0.ToScalar();
        using var two = 2.ToScalar();
        var fifteen = cat([clips, full(3, 64, FifteenSeconds - 150, junk, dtype: ScalarType.Float64)], 2);
        var bucket = cat([clips, zeros(3, 64, 168 - 150, dtype: ScalarType.Float64)], 2); // 150 rounded up to 24

        var expected = padded.forward(fifteen, valid);
        var actual = bucketed.forward(bucket, valid);
        expected.pow(two).sum().backward(); // square() is pow(2) with an unnamed Scalar
        actual.pow(two).sum().backward();

        AssertClose(expected, actual, "representations");
        foreach (var (name, buffer) in padded.named_buffers())
            AssertClose(buffer, bucketed.named_buffers().Single(b => b.name == name).buffer, name);
        foreach (var (name, parameter) in padded.named_parameters())
            AssertClose(parameter.grad!, bucketed.named_parameters().Single(p => p.name == name).parameter.grad!, $"gradient of {name}");
        Assert.Equal(24, padded.FrameMultiple);
    }

    [Fact]
    public void LengthBucketsAreTheSameInEveryProcessAndHoldEveryUtteranceOnce()
    {
        int[] lengths = [30, 10, 20, 50, 40, 60, 11, 31, 51];
        var batches = BatchOrder.Bucketed(lengths, batchSize: 3, seed: 1, epoch: 2);
        // A literal, not a second call, as for the shuffle: reproducible across processes, not only within one.
        Assert.Equal(new[] { new[] { 7, 0, 4 }, new[] { 3, 8, 5 }, new[] { 1, 6, 2 } }, batches);
        Assert.Equal(Enumerable.Range(0, 9), BatchOrder.Bucketed(lengths, 4, 3, 5).SelectMany(b => b).Order());
        Assert.NotEqual(BatchOrder.Bucketed(lengths, 3, 1, 2), BatchOrder.Bucketed(lengths, 3, 1, 3));
    }

    [Fact]
    public void LengthBucketsCarryFarLessPaddingThanShuffledBatches()
    {
        // EmoDB-like lengths: 1.2-9 s clips at 100 frames per second.
        var random = new Random(4);
        var lengths = Enumerable.Range(0, 1000).Select(_ => 120 + (int)(780 * Math.Pow(random.NextDouble(), 2))).ToArray();

        var real = lengths.Sum();
        var shuffled = PaddedFrames(BatchOrder.Shuffled(lengths.Length, 128, 0, 1), lengths) - real;
        var bucketed = PaddedFrames(BatchOrder.Bucketed(lengths, 128, 0, 1), lengths) - real;

        Assert.True(bucketed < shuffled / 5, $"padding frames: bucketed {bucketed}, shuffled {shuffled}");
        Assert.True(bucketed < 0.25 * real, $"bucketed batches pad {bucketed} frames to {real} real ones");
    }

    [Fact]
    public void CollatedFramesAreRoundedUpToTheEncodersMultipleWithZeros()
    {
        using var scope = NewDisposeScope();
        var first = new FeatureMatrix([2, 5], [1, 2, 3, 99, 99, 4, 5, 6, 99, 99], 3);
        var second = new FeatureMatrix([2, 5], [7, 8, 99, 99, 99, 9, 10, 99, 99, 99], 2);

        var batch = BatchCollator.Collate([first, second], [0, 1], CPU, frameMultiple: 4);

        Assert.Equal(new long[] { 2, 2, 4 }, batch.Features.shape);
        Assert.Equal(new float[] { 1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 0, 0, 9, 10, 0, 0 }, batch.Features.data<float>().ToArray());
        Assert.Equal(new long[] { 3, 2 }, batch.ValidFrames.data<long>().ToArray());
    }

    [Fact]
    public void BucketedInferenceReturnsEachUtterancesRepresentationInInputOrder()
    {
        using var scope = NewDisposeScope();
        manual_seed(12);
        var encoder = new MelCnnEncoder(new MelCnnConfig(MelBands: SyntheticViews.MelBands, FirstChannels: 4, SecondChannels: 8, OutputSize: 16));
        var features = SyntheticViews.Create(40, classes: 2, seed: 3).View(ViewNames.Mel);

        var inOrder = Inference.Representations(encoder, features, CPU, batchSize: 8);
        var bucketed = Inference.Representations(encoder, features, CPU, batchSize: 8, padding: BatchPadding.Bucketed);

        // Only the batch shapes differ (other summation orders): within float32 rounding of the longest sum
        // (a 3x3 conv over 8 channels, then a mean over the pooled map), as in EncoderTests.
        Assert.True(3 * Float32Bounds.Gamma(36 * 64) < 1e-3);
        var deviation = Deviation.Between(bucketed.data<float>().ToArray(), inOrder.data<float>().ToArray());
        Assert.True(deviation.RelativeFrobenius <= 1e-3, deviation.ToString());
        // Control: the rows are distinct, so a result left in length order would fail the comparison above.
        var reversed = Deviation.Between(bucketed.flip(0).data<float>().ToArray(), inOrder.data<float>().ToArray());
        Assert.True(reversed.RelativeFrobenius > 0.05, reversed.ToString());
    }

    [Fact]
    public void BucketedPretrainingAndFineTuningAreReproducibleForASeedInOneProcess()
    {
        var data = SyntheticViews.Create(96, classes: 3, seed: 1);
        var validation = SyntheticViews.Create(32, classes: 3, seed: 2);
        var views = new[] { ViewNames.Egemaps, ViewNames.Mel };
        var pretraining = new PretrainingConfig(MaxEpochs: 3, BatchSize: 16, Patience: 30, Seed: 5, Padding: BatchPadding.Bucketed);

        var first = new Pretrainer(CPU).Run(views, SyntheticViews.Architecture, data, validation, pretraining);
        var second = new Pretrainer(CPU).Run(views, SyntheticViews.Architecture, data, validation, pretraining);
        var shuffled = new Pretrainer(CPU).Run(views, SyntheticViews.Architecture, data, validation, pretraining with { Padding = BatchPadding.Fixed15s });
        Assert.Equal(first.History.Select(h => (h.TrainLoss, h.ValidationLoss)), second.History.Select(h => (h.TrainLoss, h.ValidationLoss)));
        Assert.NotEqual(first.History[^1].TrainLoss, shuffled.History[^1].TrainLoss);

        var tuning = new FineTuningConfig(MaxEpochs: 3, BatchSize: 16, Seed: 2, Padding: BatchPadding.Bucketed);
        var tunedOnce = new FineTuner(CPU).FineTune(first.Model.Encoder(ViewNames.Mel), ViewNames.Mel, SyntheticViews.Architecture, 3, data, validation, tuning);
        var tunedTwice = new FineTuner(CPU).FineTune(first.Model.Encoder(ViewNames.Mel), ViewNames.Mel, SyntheticViews.Architecture, 3, data, validation, tuning);
        Assert.Equal(tunedOnce.History.Select(h => (h.TrainLoss, h.ValidationUar)), tunedTwice.History.Select(h => (h.TrainLoss, h.ValidationUar)));
        Assert.True(tunedOnce.History.All(h => double.IsFinite(h.TrainLoss)));
    }

    private static long PaddedFrames(IEnumerable<int[]> batches, int[] lengths) =>
        batches.Sum(b => (long)b.Length * b.Max(i => lengths[i]));

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        var e = expected.to(ScalarType.Float64).flatten().data<double>().ToArray();
        var a = actual.to(ScalarType.Float64).flatten().data<double>().ToArray();
        Assert.Equal(e.Length, a.Length);
        var norm = Math.Sqrt(e.Sum(x => x * x));
        var difference = Math.Sqrt(e.Zip(a, (x, y) => (x - y) * (x - y)).Sum());
        Assert.True(difference <= 1e-10 * Math.Max(norm, 1e-30), $"{what}: difference {difference:E2} against norm {norm:E2}");
    }
}
