using System.Globalization;
using System.Text;
using System.Text.Json;
using PairwiseCL.Core.Reports;
using ScottPlot;

namespace PairwiseCL.Core.ActiveLearning;

/// <summary>
/// A simulation's report folder: report.md (tables of UAR against labelled clips with 95 % CIs, areas under the
/// curves, labels needed to reach random's UAR at the budget), curves.csv, runs.csv, configuration.json and one
/// learning-curve figure per view.
/// </summary>
public static class ActiveLearningReportWriter
{
    private static JsonSerializerOptions Json => ResultJson.Indented;

    public static IReadOnlyList<string> Write(ActiveLearningReport report, string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "figures"));
        var written = new List<string>();
        void Text(string relative, string text)
        {
            File.WriteAllText(Path.Combine(folder, relative), text);
            written.Add(relative);
        }

        var curves = LearningCurveSummary.Curves(report.Runs);
        var areas = LearningCurveSummary.Areas(report.Runs, ReferenceOf(report.Runs));
        Text("curves.csv", CurveTable(curves, "curves", "").ToCsv());
        Text("areas.csv", AreaTable(areas, report.Runs).ToCsv());
        Text("runs.csv", RunsCsv(report.Runs));
        Text("runs.json", JsonSerializer.Serialize(report.Runs, Json));
        Text("configuration.json", report.Configuration);
        var figures = new List<string>();
        foreach (var view in curves.Select(c => c.View).Distinct())
        {
            var relative = Path.Combine("figures", $"learning_curves_{view}.png");
            Figure(curves.Where(c => c.View == view).ToList(), view, report.ClassNames.Count, Path.Combine(folder, relative));
            figures.Add(relative);
        }
        written.AddRange(figures);
        Text("report.md", Markdown(report, curves, areas, figures));
        return written;
    }

    /// <summary>The curve "labels to reach" is measured against: random selection when simulated, else the oracle line.</summary>
    public static string ReferenceOf(IReadOnlyList<CurveRun> runs) =>
        runs.Any(r => r.Strategy == SelectionStrategies.Random) ? SelectionStrategies.Random : ActiveLearningSimulation.StratifiedReference;

    /// <summary>UAR (mean ± 95 % CI) per strategy at a few labelled counts of one view: the round size doubling up to the budget.</summary>
    public static ReportTable CurveTable(IReadOnlyList<CurveSummaryRow> curves, string name, string caption, string? view = null)
    {
        var rows = curves.Where(c => view is null || c.View == view).ToList();
        if (view is null)
            return new ReportTable(name, caption, ["view", "strategy", "labelled", "uar_mean", "uar_ci95", "runs"],
                rows.Select(r => (IReadOnlyList<string>)[r.View, r.Strategy, r.Labelled.ToString(CultureInfo.InvariantCulture),
                    ReportTable.Number(r.UarMean), ReportTable.Number(r.UarCi95), r.Runs.ToString(CultureInfo.InvariantCulture)]).ToList());
        var counts = ShownCounts(rows.Select(r => r.Labelled).Distinct().Order().ToList());
        return new ReportTable(name, caption, ["strategy", .. counts.Select(c => $"{c} clips")],
            rows.Select(r => r.Strategy).Distinct().Select(strategy => (IReadOnlyList<string>)[strategy, .. counts.Select(count =>
                rows.FirstOrDefault(r => r.Strategy == strategy && r.Labelled == count) is { } row ? MeanAndCi(row.UarMean, row.UarCi95) : "")]).ToList());
    }

    private static IReadOnlyList<int> ShownCounts(IReadOnlyList<int> counts)
    {
        if (counts.Count <= 6) return counts;
        var shown = new List<int>();
        for (var n = counts[0]; n <= counts[^1]; n *= 2)
            if (counts.Contains(n)) shown.Add(n);
        if (!shown.Contains(counts[^1])) shown.Add(counts[^1]);
        return shown;
    }

    private static ReportTable AreaTable(IReadOnlyList<CurveAreaRow> areas, IReadOnlyList<CurveRun> runs)
    {
        var budget = runs.Max(r => r.Labelled);
        return new ReportTable("areas", $"Area under the learning curve (mean UAR over the counts; 95 % CI over the distinct curves), its paired difference from {ReferenceOf(runs)}'s on the same fold and repeat, and the fewest labels whose mean UAR reaches {ReferenceOf(runs)}'s at {budget} clips",
            ["view", "strategy", "aulc", $"aulc − {ReferenceOf(runs)} (paired)", "labels to reach reference"],
            areas.Select(a => (IReadOnlyList<string>)[a.View, a.Strategy, MeanAndCi(a.AulcMean, a.AulcCi95),
                a.Strategy == ReferenceOf(runs) ? "" : MeanAndCi(a.DeltaMean, a.DeltaCi95),
                a.LabelsToReachReference?.ToString(CultureInfo.InvariantCulture) ?? "not reached"]).ToList());
    }

    private static string MeanAndCi(double mean, double ci) =>
        double.IsNaN(ci) ? ReportTable.Number(mean, 3) : $"{ReportTable.Number(mean, 3)} ± {ReportTable.Number(ci, 3)}";

    private static string RunsCsv(IReadOnlyList<CurveRun> runs) =>
        new ReportTable("runs", "", ["view", "strategy", "fold", "test_session", "repeat", "labelled", "uar"],
            runs.Select(r => (IReadOnlyList<string>)[r.View, r.Strategy, r.Fold.ToString(CultureInfo.InvariantCulture), r.TestSession,
                r.Repeat.ToString(CultureInfo.InvariantCulture), r.Labelled.ToString(CultureInfo.InvariantCulture), r.Uar.ToString("R", CultureInfo.InvariantCulture)]).ToList()).ToCsv();

    private static string Markdown(ActiveLearningReport report, IReadOnlyList<CurveSummaryRow> curves, IReadOnlyList<CurveAreaRow> areas, IReadOnlyList<string> figures)
    {
        var text = new StringBuilder();
        text.AppendLine($"# {MarkdownText.Escape(report.Title)}").AppendLine();
        text.AppendLine($"Classes: {MarkdownText.Escape(string.Join(", ", report.ClassNames))} (chance UAR {1.0 / report.ClassNames.Count:F3}). " +
                        $"Ran in {report.Elapsed:hh\\:mm\\:ss}. The stratified line samples each count stratified by class, as the paper does; " +
                        "it needs every label in advance, so it is a reference, not a strategy.").AppendLine();
        text.AppendLine(new ReportTable("pools", "Folds", ["fold", "test session", "pool clips", "test clips", "pre-training utterances"],
            report.Pools.Select(p => (IReadOnlyList<string>)[(p.Fold + 1).ToString(CultureInfo.InvariantCulture), p.TestSession,
                p.PoolClips.ToString(CultureInfo.InvariantCulture), p.TestClips.ToString(CultureInfo.InvariantCulture),
                p.PretrainingUtterances.ToString(CultureInfo.InvariantCulture)]).ToList()).ToMarkdown());
        foreach (var view in curves.Select(c => c.View).Distinct())
            text.AppendLine(CurveTable(curves, $"curves_{view}", $"{view}: UAR (mean ± 95 % CI over folds × repeats; deterministic strategies run once per fold) after n labelled clips", view).ToMarkdown());
        text.AppendLine(AreaTable(areas, report.Runs).ToMarkdown());
        foreach (var figure in figures)
            text.AppendLine($"![{MarkdownText.Escape(Path.GetFileNameWithoutExtension(figure))}]({figure.Replace('\\', '/')})").AppendLine();
        return text.ToString();
    }

    private static void Figure(IReadOnlyList<CurveSummaryRow> curves, string view, int classCount, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var strategies = curves.Select(c => c.Strategy).Distinct().ToList();
        var known = SelectionStrategies.All.ToList();
        foreach (var strategy in strategies)
        {
            var rows = curves.Where(c => c.Strategy == strategy).OrderBy(c => c.Labelled).ToList();
            var xs = rows.Select(r => (double)r.Labelled).ToArray();
            var ys = rows.Select(r => r.UarMean).ToArray();
            var half = rows.Select(r => double.IsNaN(r.UarCi95) ? 0 : r.UarCi95).ToArray();
            // A strategy keeps its colour in every figure: its index among all strategies, the oracle after them.
            var color = palette.GetColor(known.Contains(strategy) ? known.IndexOf(strategy) : known.Count);
            var line = PaperFigures.MeanWithBand(plot, xs, ys, half, color, bandAlpha: 0.15, markerSize: 5, strategy);
            if (strategy == ActiveLearningSimulation.StratifiedReference) line.LinePattern = LinePattern.Dashed;
        }
        var chance = plot.Add.HorizontalLine(1.0 / classCount);
        chance.Color = Colors.Gray;
        chance.LinePattern = LinePattern.Dotted;
        chance.LegendText = "chance";
        plot.XLabel("labelled clips");
        plot.YLabel("UAR (mean ± 95% CI)");
        plot.Title($"{view}: UAR vs labelled clips");
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 900, 520);
    }
}
