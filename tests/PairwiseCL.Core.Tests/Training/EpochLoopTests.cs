using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Training;

[Collection(TorchRandomCollection.Name)]
public sealed class EpochLoopTests
{
    [Fact]
    public void StopsAfterPatienceEpochsWithoutGainAndRestoresTheBestEpochsModel()
    {
        // Validation UAR peaks at epoch 3; patience 4 stops after epoch 7.
        var task = new ScriptedTask([0.3, 0.5, 0.7, 0.6, 0.7, 0.65, 0.69, 0.9]);

        var outcome = EpochLoop.Run(task, new EpochLoopSettings(20, 4, StoppingMetric.ValidationUar, "run"), null, null, CancellationToken.None);

        Assert.Equal(7, outcome.History.Count);
        Assert.Equal(3, outcome.BestEpoch);
        Assert.Equal(0.7, outcome.BestScore);
        Assert.True(outcome.StoppedEarly);
        Assert.Equal(3f, task.WeightValue);
    }

    [Fact]
    public void DecaysTheLearningRateAfterEveryFiveEpochsWithoutGain()
    {
        var task = new ScriptedTask([0.5, .. Enumerable.Repeat(0.4, 11)]);

        var outcome = EpochLoop.Run(task, new EpochLoopSettings(12, 30, StoppingMetric.ValidationUar, "run", DecayPatience: 5, DecayFactor: 0.9),
            null, null, CancellationToken.None);

        var rates = outcome.History.Select(h => h.LearningRate).ToArray();
        Assert.Equal(Enumerable.Repeat(1e-3, 6), rates[..6]);
        Assert.Equal(Enumerable.Repeat(0.9e-3, 5).Select(r => Math.Round(r, 12)), rates[6..11].Select(r => Math.Round(r, 12)));
        Assert.Equal(0.81e-3, rates[11], 12);
    }

    [Fact]
    public void LossStoppingPrefersTheLowestValidationLoss()
    {
        var task = new ScriptedTask([-3.0, -2.0, -2.5]); // scripted as negative UAR -> loss = 3, 2, 2.5

        var outcome = EpochLoop.Run(task, new EpochLoopSettings(3, 30, StoppingMetric.ValidationLoss, "run"), null, null, CancellationToken.None);

        Assert.Equal(2, outcome.BestEpoch);
        Assert.False(outcome.StoppedEarly);
    }

    [Fact]
    public void ACheckpointOfAnotherRunIsRefused()
    {
        var folder = Directory.CreateTempSubdirectory("loop-").FullName;
        try
        {
            EpochLoop.Run(new ScriptedTask([0.5]), new EpochLoopSettings(1, 5, StoppingMetric.ValidationUar, "first"), folder, null, CancellationToken.None);
            var error = Assert.Throws<InvalidOperationException>(() =>
                EpochLoop.Run(new ScriptedTask([0.5]), new EpochLoopSettings(1, 5, StoppingMetric.ValidationUar, "second"), folder, null, CancellationToken.None));
            Assert.Contains("first", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Plays back validation UARs (its loss is minus the UAR) and writes the epoch number into its single
    /// weight, so the restored model shows which epoch it came from.
    /// </summary>
    private sealed class ScriptedTask : IEpochTask
    {
        private readonly double[] uars;
        private readonly Linear model = nn.Linear(1, 1, hasBias: false);
        private int epoch;

        public ScriptedTask(double[] uars)
        {
            this.uars = uars;
            Optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        }

        public string Phase => "scripted";

        public nn.Module Model => model;

        public OptimizerHelper Optimizer { get; }

        public float WeightValue => model.weight!.item<float>();

        public double TrainEpoch(int epoch, CancellationToken cancellationToken)
        {
            this.epoch = epoch;
            using (no_grad())
                ScalarSafe.Fill(model.weight!, epoch);
            return 1.0 / epoch;
        }

        public EpochValidation Validate(CancellationToken cancellationToken) => new(-uars[epoch - 1], uars[epoch - 1]);
    }
}
