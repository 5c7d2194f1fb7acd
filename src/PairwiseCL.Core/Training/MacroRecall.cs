namespace PairwiseCL.Core.Training;

/// <summary>
/// Unweighted average recall (UAR) for early stopping: mean over the classes present in the truth of the
/// fraction of their utterances predicted correctly. Kept small and internal so the evaluation metrics can
/// replace it.
/// </summary>
internal static class MacroRecall
{
    public static double Of(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        if (truth.Count != predicted.Count || truth.Count == 0)
            throw new ArgumentException($"UAR needs equally many (> 0) truths and predictions, got {truth.Count} and {predicted.Count}.");
        return truth.Select((t, i) => (Truth: t, Correct: t == predicted[i]))
            .GroupBy(p => p.Truth)
            .Average(g => g.Count(p => p.Correct) / (double)g.Count());
    }
}
