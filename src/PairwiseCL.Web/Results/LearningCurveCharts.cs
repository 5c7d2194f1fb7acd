using System.Globalization;
using System.Text.Json;
using PairwiseCL.Core.ActiveLearning;
using PairwiseCL.Web.Security;

namespace PairwiseCL.Web.Results;

/// <summary>
/// The active-learning simulation's learning curves as Plotly figures, one per view, like the CLI's PNGs
/// (PaperFigures.MeanWithBand): mean UAR against labelled clips per strategy with its 95 % CI as a shaded band,
/// the stratified oracle as a dashed reference line, and chance as a dotted line. Each chart's CSV is the curve table.
/// </summary>
public static class LearningCurveCharts
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };

    /// <summary>The oracle line's colour: neutral dark grey, apart from every strategy's.</summary>
    private const string ReferenceColour = "#444444";

    public static IReadOnlyList<ChartFigure> Curves(IReadOnlyList<CurveSummaryRow> curves, int classes) =>
        curves.GroupBy(c => c.View).OrderBy(g => g.Key, StringComparer.Ordinal).Select(view =>
        {
            var traces = view.GroupBy(c => c.Strategy).OrderBy(g => Order(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal)
                .SelectMany(strategy => Traces(strategy.Key, strategy.OrderBy(c => c.Labelled).ToList())).ToList();
            var chance = 1.0 / classes;
            var layout = new
            {
                title = new { text = ChartText.Plotly($"UAR vs labelled clips ({view.Key})") },
                xaxis = new { title = new { text = "labelled clips" }, rangemode = "tozero" },
                yaxis = new { title = new { text = "UAR (mean, 95% CI)" } },
                margin = new { t = 48, r = 16, b = 48, l = 56 },
                showlegend = true,
                legend = new { orientation = "h", y = -0.25 },
                height = 400,
                shapes = ResultCharts.ChanceLines([chance]),
                annotations = ResultCharts.ChanceLabels([chance]),
            };
            var name = $"learning_curves_{view.Key}";
            return new ChartFigure(name, $"UAR vs labelled clips — {view.Key}", JsonSerializer.Serialize(new { data = traces, layout }, Json),
                ActiveLearningReportWriter.CurveTable(view.ToList(), name, ""));
        }).ToList();

    // Strategies in the order (and so the colours) of SelectionStrategies.All; the oracle last.
    private static int Order(string strategy)
    {
        var index = SelectionStrategies.All.ToList().IndexOf(strategy);
        return index >= 0 ? index : int.MaxValue;
    }

    public static string Colour(string strategy) =>
        strategy == ActiveLearningSimulation.StratifiedReference ? ReferenceColour
        : Order(strategy) is var i and < int.MaxValue ? ChartPalette.SeriesColour(i) : ChartPalette.SeriesColour(SelectionStrategies.All.Count);

    /// <summary>The band (a closed polygon: upper bounds out, lower bounds back) under the mean line, both in the strategy's colour.</summary>
    private static IEnumerable<Dictionary<string, object>> Traces(string strategy, IReadOnlyList<CurveSummaryRow> rows)
    {
        var colour = Colour(strategy);
        var name = ChartText.Plotly(strategy);
        var x = rows.Select(r => r.Labelled).ToArray();
        var half = rows.Select(r => double.IsFinite(r.UarCi95) ? r.UarCi95 : 0).ToArray();
        if (half.Any(h => h > 0))
            yield return new Dictionary<string, object>
            {
                ["type"] = "scatter",
                ["mode"] = "lines",
                ["name"] = $"{name} 95% CI",
                ["legendgroup"] = name,
                ["showlegend"] = false,
                ["x"] = x.Concat(x.Reverse()).ToArray(),
                // Drawn within UAR's range [0, 1] (a t interval over a few folds can pass it); the CSV keeps the interval as computed.
                ["y"] = rows.Select((r, i) => Math.Min(1, r.UarMean + half[i])).Concat(rows.Select((r, i) => Math.Max(0, r.UarMean - half[i])).Reverse()).ToArray(),
                ["fill"] = "toself",
                ["fillcolor"] = Translucent(colour, 0.15),
                ["line"] = new { width = 0, color = colour },
                ["hoverinfo"] = "skip",
            };
        yield return new Dictionary<string, object>
        {
            ["type"] = "scatter",
            ["mode"] = "lines+markers",
            ["name"] = name,
            ["legendgroup"] = name,
            ["x"] = x,
            ["y"] = rows.Select(r => r.UarMean).ToArray(),
            ["customdata"] = half,
            ["line"] = new { color = colour, dash = strategy == ActiveLearningSimulation.StratifiedReference ? "dash" : "solid" },
            ["marker"] = new { color = colour, size = 6 },
            ["hovertemplate"] = "%{x} clips: UAR %{y:.3f} ± %{customdata:.3f}<extra>%{fullData.name}</extra>",
        };
    }

    private static string Translucent(string hex, double alpha) =>
        string.Create(CultureInfo.InvariantCulture, $"rgba({Convert.ToInt32(hex[1..3], 16)},{Convert.ToInt32(hex[3..5], 16)},{Convert.ToInt32(hex[5..7], 16)},{alpha})");
}
