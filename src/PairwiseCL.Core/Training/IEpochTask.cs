using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Training;

/// <summary>What the epoch loop needs from a training job: its model, optimizer, one epoch and a validation.</summary>
internal interface IEpochTask
{
    string Phase { get; }

    /// <summary>The module whose state is checkpointed and rolled back to its best epoch.</summary>
    nn.Module Model { get; }

    OptimizerHelper Optimizer { get; }

    /// <summary>Trains one epoch (1-based) and returns the mean training loss.</summary>
    double TrainEpoch(int epoch, CancellationToken cancellationToken);

    /// <summary>Prepares the model for evaluation after an epoch (batch-norm population statistics); most tasks need nothing.</summary>
    void AfterEpoch(CancellationToken cancellationToken) { }

    EpochValidation Validate(CancellationToken cancellationToken);
}

internal sealed record EpochValidation(double Loss, double? Uar);
