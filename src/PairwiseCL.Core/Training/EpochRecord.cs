namespace PairwiseCL.Core.Training;

/// <summary>One finished epoch (1-based) of a run: what the loss curves and reports plot.</summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double ValidationLoss, double? ValidationUar, double LearningRate, double Seconds);
