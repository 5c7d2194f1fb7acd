namespace PairwiseCL.Core.Training;

/// <summary>Pre-training hyper-parameters; the defaults are the paper's (section 3.3, tau from Table 1).</summary>
/// <param name="Padding">How batches are formed and padded (<see cref="BatchPadding"/>; the paper's is Fixed15s).</param>
public sealed record PretrainingConfig(
    double Temperature = 0.5,
    double LearningRate = 1e-3,
    int MaxEpochs = 100,
    int BatchSize = 128,
    int Patience = 30,
    int Seed = 0,
    BatchPadding Padding = BatchPadding.Fixed15s)
{
    internal void Validate() => TrainingChecks.Validate(LearningRate, MaxEpochs, BatchSize, Patience);
}
