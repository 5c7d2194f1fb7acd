namespace PairwiseCL.Core.Experiments;

/// <summary>
/// One fine-tuning run of the protocol: a view's encoder trained by one method on one label fraction of
/// one fold's training sessions, with one repeat's seed, scored on the fold's test session.
/// <see cref="PretrainingSet"/> says what the encoder was pre-trained on ("all", "target", "other" or
/// "none" for supervised runs).
/// </summary>
public sealed record RunResult(
    string View,
    string Method,
    double FractionPercent,
    int Fold,
    string TestSession,
    int Repeat,
    int Seed,
    double Temperature,
    string PretrainingSet,
    int TrainingUtterances,
    int TestUtterances,
    double Uar,
    double Wa,
    int[][] ConfusionMatrix,
    double[] PerClassRecall,
    int Epochs,
    double BestValidationUar,
    double TrainingSeconds)
{
    /// <summary>Per-epoch training loss, validation loss and validation UAR, for the run's drill-down curves.</summary>
    public IReadOnlyList<Training.EpochRecord> History { get; init; } = [];
}
