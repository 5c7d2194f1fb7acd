using PairwiseCL.Core.Models;

namespace PairwiseCL.Core.Training;

/// <summary>
/// A finished fine-tuning or supervised run. <see cref="Model"/> holds the best validation-UAR epoch, or, when
/// <see cref="RefitEpochs"/> is above 0, the model refitted on training + validation for that many epochs;
/// <see cref="History"/> is always the early-stopped run's.
/// </summary>
public sealed record FineTuningResult(
    EmotionClassifier Model,
    int BestEpoch,
    double BestValidationUar,
    bool StoppedEarly,
    IReadOnlyList<EpochRecord> History)
{
    public int RefitEpochs { get; init; }
}
