namespace PairwiseCL.Core.Analysis;

/// <summary>
/// How well an embedding separates classes: the accuracy of a k-nearest-neighbour majority vote
/// (Euclidean; a tied vote goes to the smallest label), estimated by stratified k-fold cross-validation
/// with scikit-learn's unshuffled fold assignment, so the number compares with its cross_val_score.
/// </summary>
public static class NearestNeighbourAccuracy
{
    public static double CrossValidated(double[,] points, IReadOnlyList<int> labels, int neighbours = 5, int folds = 5)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        var n = points.GetLength(0);
        if (labels.Count != n) throw new ArgumentException($"{n} points but {labels.Count} labels.", nameof(labels));
        if (folds < 2 || folds > n) throw new ArgumentOutOfRangeException(nameof(folds), folds, "Folds must lie in [2, number of points].");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(neighbours);

        var testFold = StratifiedFolds(labels, folds);
        var accuracies = new double[folds];
        Parallel.For(0, folds, fold =>
        {
            var training = Enumerable.Range(0, n).Where(i => testFold[i] != fold).ToArray();
            var tests = Enumerable.Range(0, n).Where(i => testFold[i] == fold).ToArray();
            var correct = tests.Count(i => Vote(NeighbourOrder.Of(points, i, training).Take(neighbours), labels) == labels[i]);
            accuracies[fold] = (double)correct / tests.Length;
        });
        return accuracies.Average();
    }

    private static int Vote(IEnumerable<int> neighbours, IReadOnlyList<int> labels) =>
        neighbours.GroupBy(j => labels[j])
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key)
            .First().Key;

    /// <summary>
    /// scikit-learn's StratifiedKFold without shuffling: classes numbered by first appearance, the sorted
    /// class sequence dealt round-robin to the folds to fix each fold's share of each class, and each
    /// class's samples given to folds in order.
    /// </summary>
    internal static int[] StratifiedFolds(IReadOnlyList<int> labels, int folds)
    {
        var classOfLabel = new Dictionary<int, int>();
        var encoded = new int[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            if (!classOfLabel.TryGetValue(labels[i], out var c)) classOfLabel[labels[i]] = c = classOfLabel.Count;
            encoded[i] = c;
        }
        var classes = classOfLabel.Count;
        var sorted = encoded.Order().ToArray();
        var allocation = new int[folds, classes];
        for (var i = 0; i < sorted.Length; i++) allocation[i % folds, sorted[i]]++;

        var testFold = new int[labels.Count];
        for (var c = 0; c < classes; c++)
        {
            var fold = 0;
            var usedInFold = 0;
            for (var i = 0; i < labels.Count; i++)
            {
                if (encoded[i] != c) continue;
                while (usedInFold == allocation[fold, c]) { fold++; usedInFold = 0; }
                testFold[i] = fold;
                usedInFold++;
            }
        }
        return testFold;
    }
}
