using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;
using static TorchSharp.torch;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Training;

[Collection(TorchRandomCollection.Name)]
public sealed class FineTunerTests
{
    private static readonly FineTuningConfig Quick = new(MaxEpochs: 30, BatchSize: 32, Patience: 10, Seed: 2);

    [Theory]
    [InlineData(ViewNames.Egemaps)]
    [InlineData(ViewNames.Mel)]
    public void SupervisedTrainingReachesHighUarOnSeparableData(string view)
    {
        var training = SyntheticViews.Create(160, classes: 4, seed: 1, noise: 0.5);
        var validation = SyntheticViews.Create(48, classes: 4, seed: 2, noise: 0.5);
        var test = SyntheticViews.Create(64, classes: 4, seed: 3, noise: 0.5);

        var result = new FineTuner(CPU).TrainSupervised(view, SyntheticViews.Architecture, 4, training, validation, Quick);

        var uar = MacroRecall.Of(test.RequireLabels(), Inference.Predict(result.Model, test.View(view), CPU));
        Assert.True(uar > 0.9, $"{view} test UAR {uar}");
        Assert.Equal(result.History.Max(h => h.ValidationUar), result.BestValidationUar);
    }

    [Fact]
    public void FineTuningLeavesThePretrainedEncoderUntouched()
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        var pretrained = SyntheticViews.Architecture.CreateEncoder(ViewNames.Egemaps);
        var training = SyntheticViews.Create(64, classes: 2, seed: 1);
        var before = pretrained.parameters().Select(p => p.clone()).ToArray();

        var tuned = new FineTuner(CPU).FineTune(pretrained, ViewNames.Egemaps, SyntheticViews.Architecture, 2, training, training, Quick with { MaxEpochs = 3 });

        Assert.All(pretrained.parameters().Zip(before), pair => Assert.True(Identical(pair.First, pair.Second)));
        Assert.Contains(tuned.Model.Encoder.parameters().Zip(before), pair => !Identical(pair.First, pair.Second));
    }

    [Fact]
    public void AFrozenEncoderKeepsItsWeightsWhileTheClassifierLearns()
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        var pretrained = SyntheticViews.Architecture.CreateEncoder(ViewNames.Mel);
        var training = SyntheticViews.Create(64, classes: 2, seed: 1);

        var frozen = new FineTuner(CPU).FineTune(pretrained, ViewNames.Mel, SyntheticViews.Architecture, 2, training, training,
            Quick with { FreezeEncoder = true, MaxEpochs = 5 });

        Assert.All(frozen.Model.Encoder.state_dict().Zip(pretrained.state_dict()), pair => Assert.True(Identical(pair.First.Value, pair.Second.Value), pair.First.Key));
        Assert.True(frozen.History[^1].TrainLoss < frozen.History[0].TrainLoss);
    }

    [Fact]
    public void TheSameSeedGivesIdenticalFineTuningHistories()
    {
        var training = SyntheticViews.Create(64, classes: 3, seed: 1);
        var validation = SyntheticViews.Create(30, classes: 3, seed: 2);
        var config = Quick with { MaxEpochs = 4 };

        var first = new FineTuner(CPU).TrainSupervised(ViewNames.Mel, SyntheticViews.Architecture, 3, training, validation, config).History;
        var second = new FineTuner(CPU).TrainSupervised(ViewNames.Mel, SyntheticViews.Architecture, 3, training, validation, config).History;

        Assert.Equal(first.Select(h => (h.TrainLoss, h.ValidationLoss, h.ValidationUar)), second.Select(h => (h.TrainLoss, h.ValidationLoss, h.ValidationUar)));
    }

    [Fact]
    public void UnlabelledOrOutOfRangeLabelsAreRejected()
    {
        var labelled = SyntheticViews.Create(16, classes: 4, seed: 1);
        var unlabelled = new MultiViewDataset(labelled.Views.ToDictionary(v => v, labelled.View));
        var tuner = new FineTuner(CPU);

        Assert.Throws<InvalidOperationException>(() => tuner.TrainSupervised(ViewNames.Egemaps, SyntheticViews.Architecture, 4, unlabelled, labelled, Quick));
        Assert.Throws<ArgumentException>(() => tuner.TrainSupervised(ViewNames.Egemaps, SyntheticViews.Architecture, 3, labelled, labelled, Quick));
    }

    private static bool Identical(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
