namespace PairwiseCL.Core.Training;

/// <summary>
/// Reported after every epoch. <see cref="EstimatedRemaining"/> assumes the run goes to its epoch limit, so
/// early stopping can only make it finish sooner.
/// </summary>
public sealed record TrainingProgress(
    string Phase,
    int Epoch,
    int MaxEpochs,
    double TrainLoss,
    double ValidationLoss,
    double? ValidationUar,
    bool Improved,
    TimeSpan Elapsed,
    TimeSpan EstimatedRemaining);
