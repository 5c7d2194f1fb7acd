namespace PairwiseCL.Web.Experiments;

/// <summary>One finished epoch of a training as pages show it.</summary>
public sealed record EpochPoint(string Phase, int Epoch, int MaxEpochs, double TrainLoss, double ValidationLoss, double? ValidationUar);
