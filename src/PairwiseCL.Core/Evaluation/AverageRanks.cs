using MathNet.Numerics.Statistics;

namespace PairwiseCL.Core.Evaluation;

/// <summary>
/// The paper's Table 4 ranking: within each configuration (a column such as "wav2vec 2.0, test UAR")
/// the methods are ranked by score, 1 for the highest; tied scores share the average of their ranks;
/// each method's ranks are then averaged over the configurations.
/// </summary>
public static class AverageRanks
{
    /// <param name="scores">scores[method, configuration]; higher is better.</param>
    /// <returns>One average rank per method (row).</returns>
    public static double[] Compute(double[,] scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        int methods = scores.GetLength(0), configurations = scores.GetLength(1);
        if (methods == 0 || configurations == 0)
            throw new ArgumentException("Ranking needs at least one method and one configuration.", nameof(scores));

        var sums = new double[methods];
        for (var c = 0; c < configurations; c++)
        {
            var negated = new double[methods];
            for (var m = 0; m < methods; m++)
            {
                if (double.IsNaN(scores[m, c]))
                    throw new ArgumentException($"Score of method {m} in configuration {c} is NaN.", nameof(scores));
                negated[m] = -scores[m, c]; // ascending ranks of the negated scores: 1 = highest score
            }
            var ranks = Statistics.Ranks(negated, RankDefinition.Average);
            for (var m = 0; m < methods; m++) sums[m] += ranks[m];
        }
        return sums.Select(s => s / configurations).ToArray();
    }
}
