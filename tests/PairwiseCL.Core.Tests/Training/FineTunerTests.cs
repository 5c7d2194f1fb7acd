using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;
using static TorchSharp.torch;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Training;

[Collection(TorchRandomCollection.Name)]
public sealed class FineTunerTests
{
    // With the refit (off by default), which most tests here exercise.
    private static readonly FineTuningConfig Quick = new(MaxEpochs: 30, BatchSize: 32, Patience: 10, Seed: 2, RefitOnTrainingAndValidation: true);

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
    public void TheSameSeedGivesIdenticalFineTuningHistoriesAndRefitModelsInOneProcess()
    {
        var training = SyntheticViews.Create(64, classes: 3, seed: 1);
        var validation = SyntheticViews.Create(30, classes: 3, seed: 2);
        var config = Quick with { MaxEpochs = 4 };

        var first = new FineTuner(CPU).TrainSupervised(ViewNames.Mel, SyntheticViews.Architecture, 3, training, validation, config);
        var second = new FineTuner(CPU).TrainSupervised(ViewNames.Mel, SyntheticViews.Architecture, 3, training, validation, config);

        Assert.Equal(first.History.Select(h => (h.TrainLoss, h.ValidationLoss, h.ValidationUar)), second.History.Select(h => (h.TrainLoss, h.ValidationLoss, h.ValidationUar)));
        Assert.True(first.RefitEpochs > 0);
        Assert.All(first.Model.state_dict().Zip(second.Model.state_dict()), pair => Assert.True(Identical(pair.First.Value, pair.Second.Value), pair.First.Key));
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

    [Fact]
    public void ARefitLearnsAClassThatOnlyTheValidationSpeakersShow()
    {
        // Class 3 is absent from training: the early-stopped model cannot have learnt it, the refit on
        // training + validation must have.
        var training = WithoutClass(SyntheticViews.Create(120, classes: 4, seed: 1, noise: 0.5), 3);
        var validation = SyntheticViews.Create(48, classes: 4, seed: 2, noise: 0.5);
        var classThree = OnlyClass(SyntheticViews.Create(64, classes: 4, seed: 3, noise: 0.5), 3);
        var tuner = new FineTuner(CPU);

        var plain = tuner.TrainSupervised(ViewNames.Egemaps, SyntheticViews.Architecture, 4, training, validation, Quick with { RefitOnTrainingAndValidation = false });
        var refit = tuner.TrainSupervised(ViewNames.Egemaps, SyntheticViews.Architecture, 4, training, validation, Quick);

        Assert.Equal(0, plain.RefitEpochs);
        Assert.Equal(refit.BestEpoch, refit.RefitEpochs);
        Assert.Equal(plain.History, refit.History, (a, b) => (a.TrainLoss, a.ValidationUar) == (b.TrainLoss, b.ValidationUar));
        Assert.DoesNotContain(3, Inference.Predict(plain.Model, classThree.View(ViewNames.Egemaps), CPU));
        var recall = Inference.Predict(refit.Model, classThree.View(ViewNames.Egemaps), CPU).Count(p => p == 3) / (double)classThree.Count;
        Assert.True(recall > 0.8, $"class-3 recall after the refit {recall}");

        // With an explicit addition (a protocol's label fraction of the validation set) only that part joins.
        var partial = tuner.TrainSupervised(ViewNames.Egemaps, SyntheticViews.Architecture, 4, training, validation, Quick, refitAddition: WithoutClass(validation, 3));
        Assert.Equal(refit.BestEpoch, partial.RefitEpochs);
        Assert.DoesNotContain(3, Inference.Predict(partial.Model, classThree.View(ViewNames.Egemaps), CPU));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ARefitAfterFineTuningKeepsTheEncoderSetupAndLearnsFromValidation(bool freeze)
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        var pretrained = SyntheticViews.Architecture.CreateEncoder(ViewNames.Egemaps);
        InputStatistics.Fit(pretrained, SyntheticViews.Create(64, classes: 4, seed: 5).View(ViewNames.Egemaps));
        var training = WithoutClass(SyntheticViews.Create(120, classes: 4, seed: 1, noise: 0.5), 3);
        // Enough class-3 clips that a linear head on a frozen random encoder picks the class up in a few epochs.
        var validation = SyntheticViews.Create(48, classes: 4, seed: 2, noise: 0.5).Concat(OnlyClass(SyntheticViews.Create(96, classes: 4, seed: 4, noise: 0.5), 3));
        var classThree = OnlyClass(SyntheticViews.Create(64, classes: 4, seed: 3, noise: 0.5), 3);

        var tuned = new FineTuner(CPU).FineTune(pretrained, ViewNames.Egemaps, SyntheticViews.Architecture, 4, training, validation,
            Quick with { FreezeEncoder = freeze, MaxEpochs = 60, Patience = 60 });

        Assert.Equal(tuned.BestEpoch, tuned.RefitEpochs);
        // A pre-trained encoder keeps the standardisation it was pre-trained with; a frozen one keeps every weight.
        var pretrainedState = pretrained.state_dict();
        foreach (var (name, value) in tuned.Model.Encoder.state_dict())
            if (freeze || name is "mean" or "std")
                Assert.True(Identical(value, pretrainedState[name]), name);
        var recall = Inference.Predict(tuned.Model, classThree.View(ViewNames.Egemaps), CPU).Count(p => p == 3) / (double)classThree.Count;
        Assert.True(recall > 0.5, $"class-3 recall after the refit {recall} ({tuned.RefitEpochs} epochs)");
    }

    [Fact]
    public void ASupervisedRefitStandardisesOnTrainingAndValidationTogether()
    {
        var training = SyntheticViews.Create(40, classes: 2, seed: 1);
        var validation = SyntheticViews.Create(20, classes: 2, seed: 2);

        var result = new FineTuner(CPU).TrainSupervised(ViewNames.Egemaps, SyntheticViews.Architecture, 2, training, validation, Quick with { MaxEpochs = 3 });

        var all = training.View(ViewNames.Egemaps).Concat(validation.View(ViewNames.Egemaps)).ToList();
        var expected = Enumerable.Range(0, SyntheticViews.EgemapsSize).Select(j => all.Average(m => (double)m.Data[j])).ToArray();
        var mean = result.Model.Encoder.state_dict()["mean"].data<float>().ToArray();
        Assert.Equal(expected, mean.Select(m => (double)m), (a, b) => Math.Abs(a - b) < 1e-3);
    }

    private static MultiViewDataset WithoutClass(MultiViewDataset data, int label) =>
        data.Subset(Enumerable.Range(0, data.Count).Where(i => data.Labels![i] != label).ToArray());

    private static MultiViewDataset OnlyClass(MultiViewDataset data, int label) =>
        data.Subset(Enumerable.Range(0, data.Count).Where(i => data.Labels![i] == label).ToArray());

    private static bool Identical(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope(); // holds eq()'s and all()'s results until item() has read them
        return a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
    }
}
