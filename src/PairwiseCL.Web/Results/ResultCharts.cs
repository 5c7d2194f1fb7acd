using System.Text.Json;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Reports;

namespace PairwiseCL.Web.Results;

/// <summary>
/// Plotly figures of the paper: UAR against label fraction per view with 95% CI error bars and
/// Mann-Whitney marks (Figure 3), and t-SNE maps coloured by emotion with utterance ids on hover (Figures 5, 6).
/// </summary>
public static class ResultCharts
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };

    public static IReadOnlyList<ChartFigure> UarVersusFraction(IReadOnlyList<SummaryRow> summary) =>
        summary.GroupBy(r => r.View).OrderBy(g => g.Key).Select(view =>
        {
            var traces = view.GroupBy(r => r.Method).OrderBy(g => g.Key).Select(method =>
            {
                var rows = method.OrderBy(r => r.FractionPercent).ToList();
                return new Dictionary<string, object>
                {
                    ["type"] = "scatter",
                    ["mode"] = "lines+markers+text",
                    ["name"] = method.Key,
                    ["x"] = rows.Select(r => r.FractionPercent).ToArray(),
                    ["y"] = rows.Select(r => Finite(r.UarMean)).ToArray(),
                    ["error_y"] = new { type = "data", array = rows.Select(r => Finite(r.UarCi95)).ToArray(), visible = true },
                    ["text"] = rows.Select(r => r.Significance).ToArray(),
                    ["textposition"] = "top center",
                    ["hovertemplate"] = "%{x}% labels: UAR %{y:.3f}<extra>" + method.Key + "</extra>",
                };
            }).ToList();
            var layout = new
            {
                title = new { text = $"UAR vs label fraction ({view.Key})" },
                xaxis = new { title = new { text = "labelled training data (%)" }, type = "log", tickvals = view.Select(r => r.FractionPercent).Distinct().Order().ToArray() },
                yaxis = new { title = new { text = "UAR (mean, 95% CI)" } },
                margin = new { t = 48, r = 16, b = 48, l = 56 },
                showlegend = true,
                legend = new { orientation = "h", y = -0.25 },
                height = 380,
            };
            return new ChartFigure($"uar_vs_fraction_{view.Key}", $"UAR vs label fraction — {view.Key}", Serialize(traces, layout));
        }).ToList();

    public static IReadOnlyList<ChartFigure> Embeddings(IReadOnlyList<EmbeddingPlot> plots) =>
        plots.OrderBy(p => p.View).ThenBy(p => p.State).Select(plot =>
        {
            var traces = Enumerable.Range(0, plot.Labels.Length).GroupBy(i => plot.Labels[i]).OrderBy(g => g.Key).Select(label => new Dictionary<string, object>
            {
                ["type"] = "scattergl",
                ["mode"] = "markers",
                ["name"] = label.Key,
                ["x"] = label.Select(i => plot.X[i]).ToArray(),
                ["y"] = label.Select(i => plot.Y[i]).ToArray(),
                ["text"] = label.Select(i => plot.UtteranceIds[i]).ToArray(),
                ["hovertemplate"] = "%{text}<extra>" + label.Key + "</extra>",
                ["marker"] = new { size = 6 },
            }).ToList();
            var layout = new
            {
                title = new { text = $"{plot.View}: {plot.State}" },
                xaxis = new { showticklabels = false, zeroline = false },
                yaxis = new { showticklabels = false, zeroline = false },
                margin = new { t = 40, r = 8, b = 8, l = 8 },
                showlegend = true,
                height = 340,
            };
            return new ChartFigure($"tsne_{plot.View}_{plot.State}", $"t-SNE — {plot.View}, {plot.State}", Serialize(traces, layout));
        }).ToList();

    /// <summary>Training and validation loss per epoch of each pre-training and supervised run that kept its curve.</summary>
    public static ChartFigure? LossCurves(IReadOnlyList<LossCurve> curves)
    {
        if (curves.Count == 0) return null;
        var traces = curves.SelectMany(curve => new[]
        {
            Line($"{curve.Name} (train)", curve.TrainLoss, "solid"),
            Line($"{curve.Name} (validation)", curve.ValidationLoss, "dot"),
        }).ToList();
        var layout = new
        {
            title = new { text = "Loss per epoch" },
            xaxis = new { title = new { text = "epoch" } },
            yaxis = new { title = new { text = "loss" } },
            margin = new { t = 48, r = 16, b = 48, l = 56 },
            showlegend = true,
            height = 380,
        };
        return new ChartFigure("loss_curves", "Loss per epoch", Serialize(traces, layout));

        static Dictionary<string, object> Line(string name, double[] values, string dash) => new()
        {
            ["type"] = "scatter",
            ["mode"] = "lines",
            ["name"] = name,
            ["x"] = Enumerable.Range(1, values.Length).ToArray(),
            ["y"] = values.Select(Finite).ToArray(),
            ["line"] = new { dash },
        };
    }

    private static string Serialize(object data, object layout) => JsonSerializer.Serialize(new { data, layout }, Json);

    // JSON has no NaN: a missing interval (one run) is drawn without an error bar.
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
