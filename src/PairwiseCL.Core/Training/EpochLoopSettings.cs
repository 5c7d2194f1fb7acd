namespace PairwiseCL.Core.Training;

internal enum StoppingMetric
{
    ValidationLoss,
    ValidationUar,
}

/// <summary>
/// Early stopping and learning-rate decay for <see cref="EpochLoop"/>. A positive
/// <see cref="DecayPatience"/> multiplies the learning rate by <see cref="DecayFactor"/> each time that many
/// epochs in a row bring no improvement. <see cref="RunKey"/> identifies the run a checkpoint belongs to.
/// </summary>
internal sealed record EpochLoopSettings(
    int MaxEpochs,
    int Patience,
    StoppingMetric Metric,
    string RunKey,
    int DecayPatience = 0,
    double DecayFactor = 1.0);
