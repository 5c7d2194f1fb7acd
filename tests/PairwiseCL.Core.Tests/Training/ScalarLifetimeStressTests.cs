using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Tests.TestSupport;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.Training;

/// <summary>
/// The training path must not hand libtorch a TorchSharp Scalar that the finalizer may free mid-call. Tiny
/// tensors make the Scalar-passing calls a large share of the time, and another thread collects garbage and
/// runs finalizers as fast as it can. With TorchSharp's Adam and BatchNorm2d and the former loss this failed
/// within seconds ("toDouble", "Unknown scalar type", "alpha must not be a floating point number").
/// </summary>
[Collection(TorchRandomCollection.Name)]
public sealed class ScalarLifetimeStressTests
{
    private const int Steps = 3000;

    [Fact]
    public void TrainingStepsUnderConstantGarbageCollectionMatchACalmRunInTheSameProcess()
    {
        var calm = Train();

        float[] stressed;
        int collections;
        using (var collector = ConstantGarbageCollection.Start())
        {
            stressed = Train();
            collections = collector.Collections;
        }

        Assert.True(collections > 100, $"only {collections} collections ran during training");
        Assert.Equal(calm, stressed);
    }

    /// <summary>BatchNorm, the contrastive loss and Adam on tiny tensors; returns the final parameters.</summary>
    private static float[] Train()
    {
        using var scope = NewDisposeScope();
        manual_seed(21);
        var conv = nn.Conv2d(1, 2, 1);
        var norm = new ScalarFreeBatchNorm2d(2);
        var model = nn.Sequential(conv, norm); // the parameters Adam updates
        using var optimizer = new StableAdam(model.parameters(), lr: 0.01);
        var loss = new PairwiseContrastiveLoss(0.5);
        using var generator = new Generator(5);
        for (var step = 0; step < Steps; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            // The masked path (padded mel batches) too: its epsilon add once passed a hidden alpha Scalar.
            var valid = tensor(new[,] { { true, true }, { true, false }, { true, true }, { false, true } });
            var output = norm.forward(conv.forward(randn(4, 1, 1, 2, generator: generator)), valid).flatten(1);
            var value = loss.Compute([output, randn(4, 4, generator: generator)]);
            value.backward();
            optimizer.step();
        }
        return model.parameters().SelectMany(p => p.data<float>().ToArray())
            .Concat(norm.buffers().Where(b => b.dtype == ScalarType.Float32).SelectMany(b => b.data<float>().ToArray())).ToArray();
    }
}
