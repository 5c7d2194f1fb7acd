namespace PairwiseCL.Core.Training;

/// <summary>
/// Fine-tuning (and supervised-from-scratch) hyper-parameters; defaults follow the paper (Adam 1e-3, lr x0.9
/// after 5 epochs without validation-UAR gain, early stopping on validation UAR). The paper gives no
/// fine-tuning epoch limit or patience; 100 and 20 are this project's choice.
/// </summary>
public sealed record FineTuningConfig(
    bool FreezeEncoder = false,
    double LearningRate = 1e-3,
    int MaxEpochs = 100,
    int BatchSize = 128,
    int Patience = 20,
    int LearningRatePatience = 5,
    double LearningRateFactor = 0.9,
    int Seed = 0)
{
    internal void Validate()
    {
        TrainingChecks.Validate(LearningRate, MaxEpochs, BatchSize, Patience);
        if (LearningRatePatience < 1 || !(LearningRateFactor > 0 && LearningRateFactor <= 1))
            throw new ArgumentOutOfRangeException(nameof(LearningRateFactor), $"Learning-rate decay needs patience >= 1 and a factor in (0, 1]; got {LearningRatePatience} and {LearningRateFactor}.");
    }
}
