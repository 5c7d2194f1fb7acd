namespace PairwiseCL.Core.Training;

/// <summary>Everything besides tensors that a resumed run needs to continue exactly where it stopped.</summary>
internal sealed record LoopState(
    string RunKey,
    int CompletedEpochs,
    int BestEpoch,
    double BestScore,
    int EpochsWithoutImprovement,
    double LearningRate,
    bool Finished,
    IReadOnlyList<EpochRecord> History);
