using System.Globalization;
using System.Text.Json;
using PairwiseCL.Core.Reports;
using PairwiseCL.Web.Results;
using PairwiseCL.Web.Security;

namespace PairwiseCL.Web.Comparison;

/// <summary>Compares finished experiments of the current workspace (read through <see cref="ResultsService"/>, hashes checked).</summary>
public sealed class ComparisonService(ResultsService results)
{
    /// <returns>Null unless at least two of the ids are finished experiments of the current workspace.</returns>
    public async Task<ExperimentComparison?> CompareAsync(IReadOnlyList<int> experimentIds, CancellationToken cancellationToken = default)
    {
        var loaded = new List<ExperimentResults>();
        foreach (var id in experimentIds.Distinct())
            // A simulation's learning curves have no view/method/fraction rows to set beside a protocol's.
            if (await results.GetAsync(id, cancellationToken) is { HasReport: true, IsActiveLearning: false } result)
                loaded.Add(result);
        if (loaded.Count < 2) return null;

        var experiments = loaded.Select(r => new ComparedExperiment(r.Experiment.Id, r.Experiment.Name, $"#{r.Experiment.Id} {r.Experiment.Name}")).ToList();
        var keys = loaded.SelectMany(r => r.Summary.Select(s => (s.View, s.Method, s.FractionPercent))).Distinct()
            .OrderBy(k => k.View, StringComparer.Ordinal).ThenBy(k => k.Method, StringComparer.Ordinal).ThenBy(k => k.FractionPercent);
        var rows = keys.Select(k => new ComparisonRow(k.View, k.Method, k.FractionPercent, loaded.Select(r =>
            r.Summary.FirstOrDefault(s => s.View == k.View && s.Method == k.Method && s.FractionPercent == k.FractionPercent) is { } row
                ? new ComparedUar(row.UarMean, row.UarCi95, r.Warnings.Any(w => w.View == k.View && w.Method == k.Method && w.FractionPercent == k.FractionPercent))
                : null).ToList())).ToList();
        return new ExperimentComparison(experiments, Chart(experiments, loaded), rows, Settings(loaded));
    }

    /// <summary>
    /// What the configurations' JSON does not say but a reader must know first: the corpus (the JSON holds only
    /// its id, which differs between portals) and the classes, then every differing configuration setting.
    /// </summary>
    internal static IReadOnlyList<SettingDifference> Settings(IReadOnlyList<ExperimentResults> loaded)
    {
        var context = new[]
        {
            new SettingDifference("Corpus", loaded.Select(r => r.Experiment.CorpusName).ToList()),
            new SettingDifference("Classes", loaded.Select(r => string.Join(", ", r.ClassNames)).ToList()),
        }.Where(d => d.Values.Distinct().Count() > 1);
        return context.Concat(ConfigurationDifferences.Between(loaded.Select(r => r.ConfigurationJson).ToList())).ToList();
    }

    /// <summary>
    /// Every experiment's view/method curves: each series its own colour (distinct for 20), dashes per
    /// experiment, ticks exactly at the fractions used, chance lines; the CSV holds the plotted numbers.
    /// </summary>
    private static ChartFigure Chart(IReadOnlyList<ComparedExperiment> experiments, IReadOnlyList<ExperimentResults> loaded)
    {
        string[] dashes = ["solid", "dash", "dot", "dashdot", "longdash"];
        var series = loaded.SelectMany((r, e) => r.Summary.GroupBy(s => (s.View, s.Method)).OrderBy(g => g.Key)
            .Select(g => (Experiment: e, Points: g.OrderBy(s => s.FractionPercent).ToList(), Warnings: r.Warnings))).ToList();
        var traces = series.Select((s, i) =>
        {
            var colour = ChartPalette.SeriesColour(i);
            return new Dictionary<string, object>
            {
                ["type"] = "scatter",
                ["mode"] = "lines+markers",
                ["name"] = ChartText.Plotly($"{experiments[s.Experiment].Label}: {s.Points[0].View} {s.Points[0].Method}"),
                ["legendgroup"] = ChartText.Plotly(experiments[s.Experiment].Label),
                ["line"] = new { dash = dashes[s.Experiment % dashes.Length], color = colour },
                ["marker"] = new { color = colour },
                ["x"] = s.Points.Select(p => p.FractionPercent).ToArray(),
                ["y"] = s.Points.Select(p => Finite(p.UarMean)).ToArray(),
                ["error_y"] = new { type = "data", array = s.Points.Select(p => Finite(p.UarCi95)).ToArray(), visible = true, color = colour },
            };
        }).ToList();
        var fractions = loaded.SelectMany(r => r.Summary.Select(s => s.FractionPercent)).Distinct().Order().ToArray();
        var chances = loaded.Select(r => r.Chance).ToList();
        var layout = new
        {
            title = new { text = "UAR vs label fraction, all compared experiments" },
            xaxis = ResultCharts.FractionAxis(fractions),
            yaxis = new { title = new { text = "UAR (mean, 95% CI)" } },
            margin = new { t = 48, r = 16, b = 48, l = 56 },
            showlegend = true,
            legend = new { orientation = "h", y = -0.25 },
            height = 460,
            shapes = ResultCharts.ChanceLines(chances),
            annotations = ResultCharts.ChanceLabels(chances),
        };
        var rows = series.SelectMany(s => s.Points.Select(p => (IReadOnlyList<string>)
        [
            experiments[s.Experiment].Id.ToString(CultureInfo.InvariantCulture), experiments[s.Experiment].Name, p.View, p.Method,
            Number(p.FractionPercent), Number(p.UarMean), Number(p.UarCi95), p.Runs.ToString(CultureInfo.InvariantCulture),
            Number(loaded[s.Experiment].Chance),
            s.Warnings.Any(w => w.View == p.View && w.Method == p.Method && w.FractionPercent == p.FractionPercent) ? "yes" : "no",
        ])).ToList();
        return new ChartFigure("uar_vs_fraction_comparison", "UAR vs label fraction — comparison", JsonSerializer.Serialize(new { data = traces, layout }),
            new ReportTable("uar_vs_fraction_comparison", "",
                ["experiment_id", "experiment", "view", "method", "fraction_percent", "uar_mean", "uar_ci95", "runs", "chance", "degenerate"], rows));
    }

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
