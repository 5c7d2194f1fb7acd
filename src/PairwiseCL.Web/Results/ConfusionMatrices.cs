using PairwiseCL.Core.Experiments;

namespace PairwiseCL.Web.Results;

/// <summary>
/// Confusion matrices per view and method at the largest label fraction, summed over folds and repeats;
/// pre-trained methods at the sweep's temperature (Table 1's other temperatures are left out).
/// </summary>
public static class ConfusionMatrices
{
    public static IReadOnlyList<ConfusionMatrix> AtLargestFraction(IReadOnlyList<RunResult> runs, IReadOnlyList<string> classes, double sweepTemperature)
    {
        var main = runs.Where(r => r.PretrainingSet is "all" or "none").ToList();
        if (main.Count == 0) return [];
        var fraction = main.Max(r => r.FractionPercent);
        return main.Where(r => r.FractionPercent == fraction && (r.PretrainingSet == "none" || r.Temperature == sweepTemperature))
            .GroupBy(r => (r.View, r.Method))
            .OrderBy(g => g.Key.View).ThenBy(g => g.Key.Method)
            .Select(g => new ConfusionMatrix(g.Key.View, g.Key.Method, fraction, classes, Sum(g.Select(r => r.ConfusionMatrix), classes.Count)))
            .ToList();
    }

    private static int[][] Sum(IEnumerable<int[][]> matrices, int size)
    {
        var total = Enumerable.Range(0, size).Select(_ => new int[size]).ToArray();
        foreach (var matrix in matrices)
            for (var i = 0; i < Math.Min(size, matrix.Length); i++)
                for (var j = 0; j < Math.Min(size, matrix[i].Length); j++)
                    total[i][j] += matrix[i][j];
        return total;
    }
}
