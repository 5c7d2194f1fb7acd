using PairwiseCL.Core.Evaluation;
using PairwiseCL.Core.Experiments;

namespace PairwiseCL.Core.Reports;

/// <summary>The paper's Tables 1-5 computed from a protocol's results.</summary>
public static class PaperTables
{
    /// <summary>Table 1: UAR and WA of the pre-trained encoders by temperature and view, at the largest label fraction.</summary>
    public static ReportTable Temperatures(IReadOnlyList<RunResult> runs)
    {
        var pretrained = runs.Where(r => MethodNames.NeedsPretraining(r.Method) && r.PretrainingSet == "all").ToList();
        var rows = new List<IReadOnlyList<string>>();
        if (pretrained.Count > 0)
        {
            var fraction = pretrained.Max(r => r.FractionPercent);
            foreach (var group in pretrained.Where(r => r.FractionPercent == fraction)
                         .GroupBy(r => (r.View, r.Method, r.Temperature))
                         .OrderBy(g => g.Key.View).ThenBy(g => g.Key.Method).ThenBy(g => g.Key.Temperature))
            {
                var uar = MeanConfidence.Of(group.Select(r => r.Uar).ToList());
                var wa = MeanConfidence.Of(group.Select(r => r.Wa).ToList());
                rows.Add([group.Key.View, group.Key.Method, ReportTable.Number(group.Key.Temperature, 2),
                    ReportTable.Number(fraction, 0), PlusMinus(uar), PlusMinus(wa), group.Count().ToString()]);
            }
        }
        return new ReportTable("table1_temperature", "Table 1: UAR / WA by temperature and view (pre-trained encoders)",
            ["view", "method", "tau", "fraction %", "UAR", "WA", "runs"], rows);
    }

    /// <summary>Table 2: frozen vs tuned pre-trained encoders, and the supervised baseline, per view and fraction.</summary>
    public static ReportTable FrozenVersusTuned(IReadOnlyList<SummaryRow> summary)
    {
        var rows = summary
            .GroupBy(r => (r.View, r.FractionPercent))
            .Select(g => (IReadOnlyList<string>)[g.Key.View, ReportTable.Number(g.Key.FractionPercent, 0),
                Cell(g, MethodNames.Supervised), Cell(g, MethodNames.PairwiseFrozen), Cell(g, MethodNames.PairwiseTuned)])
            .ToList();
        return new ReportTable("table2_frozen_vs_tuned", "Table 2: UAR (mean ± 95% CI) of supervised, frozen and tuned encoders",
            ["view", "fraction %", MethodNames.Supervised, MethodNames.PairwiseFrozen, MethodNames.PairwiseTuned], rows);

        static string Cell(IEnumerable<SummaryRow> rows, string method)
        {
            var row = rows.FirstOrDefault(r => r.Method == method);
            return row is null ? "" : $"{ReportTable.Number(row.UarMean)} ± {ReportTable.Number(row.UarCi95)}{(row.Significance == "" ? "" : " " + row.Significance)}";
        }
    }

    /// <summary>Table 3: PWCCA between view pairs with the random-vector baseline.</summary>
    public static ReportTable Pwcca(IReadOnlyList<PwccaRow> rows) =>
        new("table3_pwcca", "Table 3: PWCCA between view representations (test set) and a random-vector baseline",
            ["view A", "view B", "encoders", "PWCCA", "random baseline"],
            rows.Select(r => (IReadOnlyList<string>)[r.ViewA, r.ViewB, r.Encoders, ReportTable.Number(r.Pwcca), ReportTable.Number(r.RandomBaseline)]).ToList());

    /// <summary>Table 4: average rank of each method over all (view, fraction) configurations (1 = best).</summary>
    public static ReportTable AverageRanks(IReadOnlyList<SummaryRow> summary) =>
        new("table4_average_ranks", "Table 4: average rank by mean UAR over view x fraction configurations",
            ["method", "average rank"],
            ResultSummary.AverageMethodRanks(summary).OrderBy(kv => kv.Value)
                .Select(kv => (IReadOnlyList<string>)[kv.Key, ReportTable.Number(kv.Value, 2)]).ToList());

    /// <summary>Table 5: frozen and trainable parameters per setup.</summary>
    public static ReportTable Parameters(IReadOnlyList<ParameterRow> rows) =>
        new("table5_parameters", "Table 5: parameter counts (frozen / trainable)",
            ["setup", "frozen", "trainable"],
            rows.Select(r => (IReadOnlyList<string>)[r.Setup, r.Frozen.ToString("N0"), r.Trainable.ToString("N0")]).ToList());

    /// <summary>Figure 4 as a table: pre-training on the target emotions vs on the other emotions.</summary>
    public static ReportTable OutOfDistribution(IReadOnlyList<RunResult> runs)
    {
        var rows = runs.Where(r => r.PretrainingSet is "target" or "other")
            .GroupBy(r => (r.View, r.Method, r.FractionPercent, r.PretrainingSet))
            .OrderBy(g => g.Key.View).ThenBy(g => g.Key.FractionPercent).ThenBy(g => g.Key.Method).ThenBy(g => g.Key.PretrainingSet)
            .Select(g => (IReadOnlyList<string>)[g.Key.View, g.Key.Method, ReportTable.Number(g.Key.FractionPercent, 0), g.Key.PretrainingSet,
                PlusMinus(MeanConfidence.Of(g.Select(r => r.Uar).ToList())), g.Count().ToString()])
            .ToList();
        return new ReportTable("figure4_out_of_distribution", "Figure 4 data: UAR after pre-training on target vs other emotions",
            ["view", "method", "fraction %", "pre-trained on", "UAR", "runs"], rows);
    }

    private static string PlusMinus(MeanConfidence value) =>
        value.Count > 1 ? $"{ReportTable.Number(value.Mean)} ± {ReportTable.Number(value.HalfWidth)}" : ReportTable.Number(value.Mean);
}
