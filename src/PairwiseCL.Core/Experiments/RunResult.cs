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

    /// <summary>
    /// The first NaN or infinite number the run holds, in words, or null when all are finite: a sign that training
    /// diverged. The recall of a class absent from the test session is undefined (NaN) by design, not divergence;
    /// result files write it as null (<see cref="Reports.ResultJson"/>).
    /// </summary>
    public string? FirstNonFinite()
    {
        IEnumerable<(string, double)> values = new (string, double)[]
            {
                ("fraction", FractionPercent), ("temperature", Temperature), ("UAR", Uar), ("WA", Wa),
                ("best validation UAR", BestValidationUar), ("training seconds", TrainingSeconds),
            }
            .Concat(PerClassRecall.Select((r, i) => ($"recall of class {i}", double.IsNaN(r) ? 0 : r)))
            .Concat(History.SelectMany(e => new[]
            {
                ($"training loss at epoch {e.Epoch}", e.TrainLoss), ($"validation loss at epoch {e.Epoch}", e.ValidationLoss),
                ($"validation UAR at epoch {e.Epoch}", e.ValidationUar ?? 0), ($"learning rate at epoch {e.Epoch}", e.LearningRate),
            }));
        return values.FirstOrDefault(v => !double.IsFinite(v.Item2)).Item1;
    }
}
