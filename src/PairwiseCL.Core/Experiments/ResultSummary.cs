using PairwiseCL.Core.Evaluation;

namespace PairwiseCL.Core.Experiments;

/// <summary>Aggregates run results the way the paper reports them (Figure 3, Tables 1, 2 and 4).</summary>
public static class ResultSummary
{
    /// <summary>One row per view, method and fraction, in configuration order.</summary>
    public static IReadOnlyList<SummaryRow> Summarise(IEnumerable<RunResult> runs, string pretrainingSet = "all")
    {
        var relevant = runs.Where(r => r.Method == MethodNames.Supervised || r.PretrainingSet == pretrainingSet).ToList();
        var rows = new List<SummaryRow>();
        foreach (var group in relevant.GroupBy(r => (r.View, r.Method, r.FractionPercent)))
        {
            var uars = group.Select(r => r.Uar).ToList();
            var was = group.Select(r => r.Wa).ToList();
            var uar = MeanConfidence.Of(uars);
            var wa = MeanConfidence.Of(was);
            var p = double.NaN;
            if (group.Key.Method != MethodNames.Supervised)
            {
                var supervised = relevant
                    .Where(r => r.View == group.Key.View && r.Method == MethodNames.Supervised && r.FractionPercent == group.Key.FractionPercent)
                    .Select(r => r.Uar).ToList();
                if (supervised.Count > 0) p = MannWhitneyU.Test(supervised, uars).PValue;
            }
            rows.Add(new SummaryRow(group.Key.View, group.Key.Method, group.Key.FractionPercent,
                uar.Mean, uar.HalfWidth, wa.Mean, wa.HalfWidth, group.Count(), p,
                double.IsNaN(p) ? "" : Significance.Mark(p)));
        }
        return rows
            .OrderBy(r => r.View, StringComparer.Ordinal)
            .ThenBy(r => r.FractionPercent)
            .ThenBy(r => IndexOf(MethodNames.All, r.Method))
            .ToList();
    }

    /// <summary>
    /// The paper's Table 4: within every (view, fraction) configuration the methods are ranked by mean
    /// UAR (1 = best, ties share the average rank); the ranks are averaged over configurations.
    /// </summary>
    public static IReadOnlyDictionary<string, double> AverageMethodRanks(IReadOnlyList<SummaryRow> rows)
    {
        var methods = rows.Select(r => r.Method).Distinct().OrderBy(m => IndexOf(MethodNames.All, m)).ToList();
        var configurations = rows.GroupBy(r => (r.View, r.FractionPercent))
            .Where(g => methods.All(m => g.Any(r => r.Method == m)))
            .ToList();
        if (configurations.Count == 0 || methods.Count < 2) return new Dictionary<string, double>();
        var scores = new double[methods.Count, configurations.Count];
        for (var m = 0; m < methods.Count; m++)
            for (var c = 0; c < configurations.Count; c++)
                scores[m, c] = configurations[c].First(r => r.Method == methods[m]).UarMean;
        var ranks = AverageRanks.Compute(scores);
        return methods.Select((m, i) => (m, ranks[i])).ToDictionary(x => x.m, x => x.Item2);
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == value) return i;
        return list.Count;
    }
}
