using PairwiseCL.Core.Training;
using PairwiseCL.Core.Tests.TestSupport;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.Training;

[Collection(TorchRandomCollection.Name)]
public sealed class StableAdamTests
{
    [Theory]
    [InlineData(0.0, false, false)]
    [InlineData(0.01, true, false)]
    [InlineData(0.0, false, true)]
    public void FollowsTorchSharpsAdamBitForBitInOneProcess(double weightDecay, bool amsgrad, bool maximize)
    {
        using var scope = NewDisposeScope();
        var (reference, stable) = (TwinModels(), TwinModels());
        using var referenceOptimizer = optim.Adam(reference.parameters(), lr: 0.01, weight_decay: weightDecay, amsgrad: amsgrad, maximize: maximize);
        using var stableOptimizer = new StableAdam(stable.parameters(), lr: 0.01, weight_decay: weightDecay, amsgrad: amsgrad, maximize: maximize);

        for (var step = 0; step < 20; step++)
        {
            var (input, target) = Batch(step);
            Step(reference, referenceOptimizer, input, target);
            Step(stable, stableOptimizer, input, target);
            if (step == 10)
            {
                // The epoch loop's learning-rate decay goes through the parameter groups.
                referenceOptimizer.ParamGroups.First().LearningRate = 0.003;
                stableOptimizer.ParamGroups.First().LearningRate = 0.003;
            }
        }

        // The same operations in the same order, in one process on one machine: the trajectories agree bit for bit
        // (another CPU may round differently, but it rounds both optimisers alike).
        foreach (var (expected, actual) in reference.parameters().Zip(stable.parameters()))
            Assert.Equal(expected.data<float>().ToArray(), actual.data<float>().ToArray());
    }

    [Fact]
    public void ResumesFromACheckpointWrittenByTorchSharpsAdamBitForBitInOneProcess()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var uninterrupted = TwinModels();
        using var uninterruptedOptimizer = new StableAdam(uninterrupted.parameters(), lr: 0.01);
        var before = TwinModels();
        using var beforeUpgrade = optim.Adam(before.parameters(), lr: 0.01);
        for (var step = 0; step < 5; step++)
        {
            Step(uninterrupted, uninterruptedOptimizer, Batch(step).Input, Batch(step).Target);
            Step(before, beforeUpgrade, Batch(step).Input, Batch(step).Target);
        }
        var store = new CheckpointStore(folder.Path);
        store.SaveLast(new LoopState("run", 1, 1, 0, 0, 0.01, false, []), before, beforeUpgrade);

        var resumed = TwinModels();
        using var resumedOptimizer = new StableAdam(resumed.parameters(), lr: 0.01);
        store.RestoreLast(resumed, resumedOptimizer);
        for (var step = 5; step < 10; step++)
        {
            Step(uninterrupted, uninterruptedOptimizer, Batch(step).Input, Batch(step).Target);
            Step(resumed, resumedOptimizer, Batch(step).Input, Batch(step).Target);
        }

        foreach (var (expected, actual) in uninterrupted.parameters().Zip(resumed.parameters()))
            Assert.Equal(expected.data<float>().ToArray(), actual.data<float>().ToArray());
    }

    private static nn.Module<Tensor, Tensor> TwinModels()
    {
        manual_seed(11);
        return nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 3));
    }

    private static (Tensor Input, Tensor Target) Batch(int step)
    {
        using var generator = new Generator((ulong)(100 + step));
        return (randn(16, 6, generator: generator), randint(3, [16], generator: generator));
    }

    private static void Step(nn.Module<Tensor, Tensor> model, OptimizerHelper optimizer, Tensor input, Tensor target)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        nn.functional.cross_entropy(model.forward(input), target).backward();
        optimizer.step();
    }
}
