namespace PairwiseCL.Core.Evaluation;

/// <summary>
/// Scores of one set of predictions: UAR (unweighted average recall: the mean of the per-class recalls
/// over the classes present in the truth), WA (weighted accuracy: plain accuracy over all utterances),
/// the confusion matrix (rows = true class, columns = predicted class) and the per-class recalls
/// (NaN for a class absent from the truth, so it cannot pull UAR down).
/// </summary>
public sealed record ClassificationMetrics(
    double Uar,
    double Wa,
    int[,] ConfusionMatrix,
    IReadOnlyList<double> PerClassRecall)
{
    public int ClassCount => ConfusionMatrix.GetLength(0);

    public static ClassificationMetrics Compute(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int classCount)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (classCount < 1)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "There must be at least one class.");
        if (truth.Count != predicted.Count)
            throw new ArgumentException(
                $"{truth.Count} true labels but {predicted.Count} predictions; they must pair up one to one.", nameof(predicted));
        if (truth.Count == 0)
            throw new ArgumentException("No predictions to score.", nameof(truth));

        var confusion = new int[classCount, classCount];
        var correct = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            var t = CheckedClass(truth[i], classCount, nameof(truth), i);
            var p = CheckedClass(predicted[i], classCount, nameof(predicted), i);
            confusion[t, p]++;
            if (t == p) correct++;
        }

        var recalls = new double[classCount];
        double recallSum = 0;
        var present = 0;
        for (var c = 0; c < classCount; c++)
        {
            var support = 0;
            for (var p = 0; p < classCount; p++) support += confusion[c, p];
            if (support == 0)
            {
                recalls[c] = double.NaN;
                continue;
            }
            recalls[c] = (double)confusion[c, c] / support;
            recallSum += recalls[c];
            present++;
        }

        return new ClassificationMetrics(recallSum / present, (double)correct / truth.Count, confusion, recalls);
    }

    private static int CheckedClass(int label, int classCount, string name, int position) =>
        label >= 0 && label < classCount
            ? label
            : throw new ArgumentOutOfRangeException(name, label,
                $"Label {label} at position {position} is outside the {classCount} classes (0..{classCount - 1}).");
}
