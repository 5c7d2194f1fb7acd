using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;
using static TorchSharp.torch;
using PairwiseCL.Core.Tests.TestSupport;
using PairwiseCL.Core.Progress;

namespace PairwiseCL.Core.Tests.Training;

[Collection(TorchRandomCollection.Name)]
public sealed class PretrainerTests
{
    private static readonly string[] Views = [ViewNames.Egemaps, ViewNames.Mel];
    private static readonly PretrainingConfig Quick = new(MaxEpochs: 8, BatchSize: 32, Patience: 30, Seed: 5);

    [Fact]
    public void PretrainingReducesTheLossAndItsRepresentationsSeparateClassesForALinearProbe()
    {
        var training = SyntheticViews.Create(192, classes: 4, seed: 1);
        var validation = SyntheticViews.Create(64, classes: 4, seed: 2);

        var result = new Pretrainer(CPU).Run(Views, SyntheticViews.Architecture, Unlabelled(training), Unlabelled(validation), Quick);

        Assert.Equal(8, result.History.Count);
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss - 0.3,
            $"train loss went {result.History[0].TrainLoss} -> {result.History[^1].TrainLoss}");
        Assert.Equal(result.History.MinBy(h => h.ValidationLoss)!.Epoch, result.BestEpoch);

        // Linear probe on frozen egemaps representations: 4 balanced classes, chance UAR is 0.25.
        var probe = new FineTuner(CPU).FineTune(result.Model.Encoder(ViewNames.Egemaps), ViewNames.Egemaps, SyntheticViews.Architecture, 4,
            training, validation, new FineTuningConfig(FreezeEncoder: true, MaxEpochs: 40, BatchSize: 32, Seed: 1));
        var test = SyntheticViews.Create(64, classes: 4, seed: 3);
        var uar = Uar(test.RequireLabels(), Inference.Predict(probe.Model, test.View(ViewNames.Egemaps), CPU));
        Assert.True(uar > 0.6, $"linear-probe UAR {uar}");
    }

    [Fact]
    public void TheSameConfigurationAndSeedGiveIdenticalLossesInOneProcess()
    {
        var training = Unlabelled(SyntheticViews.Create(96, classes: 3, seed: 1));
        var validation = Unlabelled(SyntheticViews.Create(32, classes: 3, seed: 2));
        var config = Quick with { MaxEpochs = 3 };

        var first = new Pretrainer(CPU).Run(Views, SyntheticViews.Architecture, training, validation, config).History;
        var second = new Pretrainer(CPU).Run(Views, SyntheticViews.Architecture, training, validation, config).History;
        var otherSeed = new Pretrainer(CPU).Run(Views, SyntheticViews.Architecture, training, validation, config with { Seed = 6 }).History;

        Assert.Equal(first.Select(h => (h.TrainLoss, h.ValidationLoss)), second.Select(h => (h.TrainLoss, h.ValidationLoss)));
        Assert.NotEqual(first[^1].TrainLoss, otherSeed[^1].TrainLoss);
    }

    [Fact]
    public void AResumedRunEndsExactlyLikeAnUninterruptedOneInTheSameProcess()
    {
        var training = Unlabelled(SyntheticViews.Create(96, classes: 3, seed: 1));
        var validation = Unlabelled(SyntheticViews.Create(32, classes: 3, seed: 2));
        var config = Quick with { MaxEpochs = 5 };
        var folder = Directory.CreateTempSubdirectory("pretrain-resume-").FullName;
        try
        {
            var uninterrupted = new Pretrainer(CPU).Run(Views, SyntheticViews.Architecture, training, validation, config);

            using var stopAfterTwo = new CancellationTokenSource();
            var interrupted = new InlineProgress<TrainingProgress>(p => { if (p.Epoch == 2) stopAfterTwo.Cancel(); });
            Assert.ThrowsAny<OperationCanceledException>(() =>
                new Pretrainer(CPU).Run(Views, SyntheticViews.Architecture, training, validation, config, folder, interrupted, stopAfterTwo.Token));

            var epochsAfterResume = new List<int>();
            var resumed = new Pretrainer(CPU).Run(Views, SyntheticViews.Architecture, training, validation, config, folder,
                new InlineProgress<TrainingProgress>(p => epochsAfterResume.Add(p.Epoch)));

            Assert.Equal([3, 4, 5], epochsAfterResume);
            Assert.Equal(uninterrupted.History.Select(h => (h.TrainLoss, h.ValidationLoss)), resumed.History.Select(h => (h.TrainLoss, h.ValidationLoss)));
            Assert.Equal(uninterrupted.BestEpoch, resumed.BestEpoch);
            using var scope = NewDisposeScope();
            var probe = SyntheticViews.Create(8, classes: 3, seed: 9);
            Assert.Equal(
                Inference.Representations(uninterrupted.Model.Encoder(ViewNames.Mel), probe.View(ViewNames.Mel), CPU).data<float>().ToArray(),
                Inference.Representations(resumed.Model.Encoder(ViewNames.Mel), probe.View(ViewNames.Mel), CPU).data<float>().ToArray());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void CancellationStopsWithinTheCurrentBatch()
    {
        var training = SyntheticViews.Create(256, classes: 3, seed: 1);
        using var cancellation = new CancellationTokenSource();
        var reads = 0;
        var readsWhenCancelled = -1;
        // Cancel while the first epoch is reading its third batch of mel features.
        var watchedMel = new WatchedList<PairwiseCL.Core.Views.FeatureMatrix>(training.View(ViewNames.Mel), () =>
        {
            if (++reads == 70) { cancellation.Cancel(); readsWhenCancelled = reads; }
        });
        var watched = new MultiViewDataset(new Dictionary<string, IReadOnlyList<PairwiseCL.Core.Views.FeatureMatrix>>
        {
            [ViewNames.Egemaps] = training.View(ViewNames.Egemaps),
            [ViewNames.Mel] = watchedMel,
        });
        var validation = Unlabelled(SyntheticViews.Create(32, classes: 3, seed: 2));

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new Pretrainer(CPU).Run(Views, SyntheticViews.Architecture, watched, validation, Quick with { MaxEpochs = 100 }, cancellationToken: cancellation.Token));
        Assert.True(reads - readsWhenCancelled <= 32, $"{reads - readsWhenCancelled} utterances were read after cancellation");
    }

    private static MultiViewDataset Unlabelled(MultiViewDataset labelled) =>
        new(labelled.Views.ToDictionary(v => v, labelled.View));

    private static double Uar(int[] truth, int[] predicted) =>
        truth.Select((t, i) => (t, ok: t == predicted[i])).GroupBy(p => p.t).Average(g => g.Count(p => p.ok) / (double)g.Count());
}
