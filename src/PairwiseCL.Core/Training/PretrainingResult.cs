using PairwiseCL.Core.Models;

namespace PairwiseCL.Core.Training;

/// <summary>
/// A finished pre-training run. <see cref="Model"/> holds the best epoch's weights (lowest validation loss);
/// its encoders go on to fine-tuning, its projection heads are dropped.
/// </summary>
public sealed record PretrainingResult(
    PairwiseClModel Model,
    int BestEpoch,
    double BestValidationLoss,
    bool StoppedEarly,
    IReadOnlyList<EpochRecord> History);
