namespace PairwiseCL.Core.Training;

internal static class TrainingChecks
{
    public static void Validate(double learningRate, int maxEpochs, int batchSize, int patience)
    {
        if (!(learningRate > 0))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be positive.");
        if (maxEpochs < 1)
            throw new ArgumentOutOfRangeException(nameof(maxEpochs), maxEpochs, "At least one epoch is needed.");
        if (batchSize < 2)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batches need at least two utterances.");
        if (patience < 1)
            throw new ArgumentOutOfRangeException(nameof(patience), patience, "Early-stopping patience must be at least one epoch.");
    }
}
