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
    /// <summary>
    /// Recompute batch-norm running statistics over the training data after every epoch (see
    /// PopulationStatistics); part of the checkpoint keys, so runs trained without it are not reused.
    /// </summary>
    public bool PreciseBatchNorm { get; init; } = true;

    internal void Validate() => TrainingChecks.Validate(LearningRate, MaxEpochs, BatchSize, Patience);
}
