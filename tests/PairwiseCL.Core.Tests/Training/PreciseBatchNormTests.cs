using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;
using static TorchSharp.torch;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Training;

/// <summary>
/// Regression for issue 13 item 1: under the Quick preset a training set smaller than one batch gives one
/// optimizer step per epoch, so momentum-0.1 batch-norm running statistics stay near their initial 0/1 and the
/// log-mel CNN, whose inputs sit tens of dB below zero, predicts a single class in evaluation mode.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public sealed class PreciseBatchNormTests
{
    private const int Classes = 4;

    // Batch larger than the training set, few epochs, no early stop before the end: the Quick preset's shape.
    private static readonly FineTuningConfig QuickShape = new(MaxEpochs: 10, BatchSize: 128, Patience: 10, Seed: 3);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SupervisedMelCnnPredictsOneClassOnlyWithoutPreciseBatchNorm(bool precise)
    {
        var training = SyntheticViews.Create(40, Classes, seed: 1, noise: 0.5, melOffset: -40);
        var validation = SyntheticViews.Create(24, Classes, seed: 2, noise: 0.5, melOffset: -40);
        var test = SyntheticViews.Create(64, Classes, seed: 3, noise: 0.5, melOffset: -40);

        var result = new FineTuner(CPU).TrainSupervised(ViewNames.Mel, SyntheticViews.Architecture, Classes, training, validation,
            QuickShape with { PreciseBatchNorm = precise });
        var predictions = Inference.Predict(result.Model, test.View(ViewNames.Mel), CPU);
        var distinct = predictions.Distinct().Count();
        var uar = MacroRecall.Of(test.RequireLabels(), predictions);

        if (precise)
        {
            // Ten optimizer steps do not fit the data; they must leave a model that tells classes apart.
            Assert.True(distinct == Classes, $"precise batch norm: {distinct} predicted classes, UAR {uar}");
            Assert.True(uar > 0.4, $"precise batch norm: UAR {uar} (chance {1.0 / Classes})");
        }
        else
        {
            // The negative control: the collapse this test guards against does happen without the fix.
            Assert.True(distinct == 1, $"momentum running statistics: {distinct} predicted classes, UAR {uar}");
            Assert.Equal(1.0 / Classes, uar, 6);
        }
    }
}
