using PairwiseCL.Core.Training;
using PairwiseCL.Core.Tests.TestSupport;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.Training;

[Collection(TorchRandomCollection.Name)]
public sealed class ModelSnapshotTests
{
    [Fact]
    public void ACaptureRestoresTheCapturedWeightsAndLeavesNoTensorToTheFinalizer()
    {
        manual_seed(3);
        using var module = nn.Linear(4, 3);
        var captured = module.weight.data<float>().ToArray();

        using var finalized = FinalizedTorchObjects.Start();
        using (var snapshot = ModelSnapshot.Capture(module))
        {
            using (NewDisposeScope())
            using (no_grad())
                module.weight.zero_(); // in place; the wrapper it returns goes with the scope
            snapshot.RestoreInto(module);
        }
        finalized.Settle();

        Assert.Equal(captured, module.weight.data<float>().ToArray());
        // Every intermediate tensor was disposed, not left to a finalizer that could free it mid-call
        // (the detach() before clone() once was, and crashed a stressed protocol run).
        Assert.Equal(0, finalized.Tensors);
        GC.KeepAlive(module);
    }
}
