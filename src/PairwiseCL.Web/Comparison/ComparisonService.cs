using System.Text.Json;
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
            if (await results.GetAsync(id, cancellationToken) is { HasReport: true } result)
                loaded.Add(result);
        if (loaded.Count < 2) return null;

        var experiments = loaded.Select(r => new ComparedExperiment(r.Experiment.Id, r.Experiment.Name, $"#{r.Experiment.Id} {r.Experiment.Name}")).ToList();
        var keys = loaded.SelectMany(r => r.Summary.Select(s => (s.View, s.Method, s.FractionPercent))).Distinct()
            .OrderBy(k => k.View, StringComparer.Ordinal).ThenBy(k => k.Method, StringComparer.Ordinal).ThenBy(k => k.FractionPercent);
        var rows = keys.Select(k => new ComparisonRow(k.View, k.Method, k.FractionPercent, loaded.Select(r =>
            r.Summary.FirstOrDefault(s => s.View == k.View && s.Method == k.Method && s.FractionPercent == k.FractionPercent) is { } row
                ? new ComparedUar(row.UarMean, row.UarCi95)
                : null).ToList())).ToList();
        return new ExperimentComparison(experiments, Chart(experiments, loaded), rows,
            ConfigurationDifferences.Between(loaded.Select(r => r.ConfigurationJson).ToList()));
    }

    private static ChartFigure Chart(IReadOnlyList<ComparedExperiment> experiments, IReadOnlyList<ExperimentResults> loaded)
    {
        string[] dashes = ["solid", "dash", "dot", "dashdot", "longdash"];
        var traces = loaded.SelectMany((r, e) => r.Summary.GroupBy(s => (s.View, s.Method)).OrderBy(g => g.Key).Select(g =>
        {
            var points = g.OrderBy(s => s.FractionPercent).ToList();
            return new Dictionary<string, object>
            {
                ["type"] = "scatter",
                ["mode"] = "lines+markers",
                ["name"] = ChartText.Plotly($"{experiments[e].Label}: {g.Key.View} {g.Key.Method}"),
                ["legendgroup"] = experiments[e].Label,
                ["line"] = new { dash = dashes[e % dashes.Length] },
                ["x"] = points.Select(s => s.FractionPercent).ToArray(),
                ["y"] = points.Select(s => Finite(s.UarMean)).ToArray(),
                ["error_y"] = new { type = "data", array = points.Select(s => Finite(s.UarCi95)).ToArray(), visible = true },
            };
        })).ToList();
        var layout = new
        {
            title = new { text = "UAR vs label fraction, all compared experiments" },
            xaxis = new { title = new { text = "labelled training data (%)" }, type = "log" },
            yaxis = new { title = new { text = "UAR (mean, 95% CI)" } },
            margin = new { t = 48, r = 16, b = 48, l = 56 },
            showlegend = true,
            legend = new { orientation = "h", y = -0.25 },
            height = 460,
        };
        return new ChartFigure("uar_vs_fraction_comparison", "UAR vs label fraction — comparison", JsonSerializer.Serialize(new { data = traces, layout }));
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
