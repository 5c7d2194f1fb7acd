using PairwiseCL.Core.Models;

namespace PairwiseCL.Core.Training;

/// <summary>A finished fine-tuning or supervised run; <see cref="Model"/> holds the best validation-UAR epoch.</summary>
public sealed record FineTuningResult(
    EmotionClassifier Model,
    int BestEpoch,
    double BestValidationUar,
    bool StoppedEarly,
    IReadOnlyList<EpochRecord> History);
