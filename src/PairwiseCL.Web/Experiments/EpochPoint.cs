namespace PairwiseCL.Web.Experiments;

/// <summary>One finished epoch of a training as pages show it, with the training's time left if it runs to its epoch limit.</summary>
public sealed record EpochPoint(string Phase, int Epoch, int MaxEpochs, double TrainLoss, double ValidationLoss, double? ValidationUar, double SecondsLeft = 0);
