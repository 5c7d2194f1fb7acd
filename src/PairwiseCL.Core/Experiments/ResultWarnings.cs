using System.Globalization;

namespace PairwiseCL.Core.Experiments;

/// <summary>
/// A view, method and label fraction whose results say nothing about the method: some of its runs predicted a
/// single class for every test clip, or its mean UAR's 95 % interval includes chance (1/classes).
/// </summary>
public sealed record ResultWarning(string View, string Method, double FractionPercent, int SingleClassRuns, int Runs, bool CiIncludesChance, double Chance)
{
    public string Message
    {
        get
        {
            var parts = new List<string>();
            if (SingleClassRuns > 0)
                parts.Add($"{SingleClassRuns} of {Runs} runs predict a single class for every test clip");
            if (CiIncludesChance)
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"the UAR's 95 % interval includes chance ({Chance:0.###})"));
            return string.Create(CultureInfo.InvariantCulture, $"{View} · {Method} · {FractionPercent:0.##}% labels: {string.Join("; ", parts)}.");
        }
    }
}

/// <summary>Finds degenerate results (collapsed models, UAR indistinguishable from chance) so pages can flag them.</summary>
public static class ResultWarnings
{
    /// <summary>The UAR of a classifier that predicts one class, or guesses: 1/classes.</summary>
    public static double Chance(int classes) => classes > 0 ? 1.0 / classes : double.NaN;

    /// <summary>True when every test clip of the run was given the same class (at most one non-empty predicted column).</summary>
    public static bool PredictsOneClass(RunResult run)
    {
        var columns = run.ConfusionMatrix.Length == 0 ? 0 : run.ConfusionMatrix.Max(r => r.Length);
        var predicted = Enumerable.Range(0, columns).Count(c => run.ConfusionMatrix.Sum(r => c < r.Length ? r[c] : 0) > 0);
        return predicted <= 1;
    }

    /// <summary>True when the row's 95 % interval reaches chance; a single run has no interval and is judged by its mean alone.</summary>
    public static bool IncludesChance(SummaryRow row, double chance) =>
        double.IsFinite(row.UarCi95)
            ? row.UarMean - row.UarCi95 <= chance && chance <= row.UarMean + row.UarCi95
            : Math.Abs(row.UarMean - chance) < 1e-9;

    /// <summary>
    /// One warning per summary row (as <see cref="ResultSummary.Summarise"/> built them from
    /// <paramref name="runs"/> for <paramref name="pretrainingSet"/>) that has single-class runs or reaches chance.
    /// </summary>
    public static IReadOnlyList<ResultWarning> Find(IReadOnlyList<SummaryRow> rows, IReadOnlyList<RunResult> runs, int classes, string pretrainingSet = "all")
    {
        var chance = Chance(classes);
        var relevant = runs.Where(r => r.Method == MethodNames.Supervised || r.PretrainingSet == pretrainingSet).ToList();
        return rows.Select(row =>
            {
                var group = relevant.Where(r => r.View == row.View && r.Method == row.Method && r.FractionPercent == row.FractionPercent).ToList();
                return new ResultWarning(row.View, row.Method, row.FractionPercent, group.Count(PredictsOneClass), row.Runs, IncludesChance(row, chance), chance);
            })
            .Where(w => w.SingleClassRuns > 0 || w.CiIncludesChance)
            .ToList();
    }
}
