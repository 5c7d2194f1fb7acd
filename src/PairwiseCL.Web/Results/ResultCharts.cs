using System.Globalization;
using System.Text.Json;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Reports;
using PairwiseCL.Core.Training;
using PairwiseCL.Web.Security;

namespace PairwiseCL.Web.Results;

/// <summary>
/// Plotly figures of the paper, each with the table it plots (its CSV download): UAR against label
/// fraction per view with 95% CI error bars and Mann-Whitney marks (Figure 3), the same after pre-training
/// on target vs other emotions (Figure 4), t-SNE maps coloured by emotion with utterance ids on hover
/// (Figures 5, 6), loss curves, and one run's per-epoch curves. Every string that reaches Plotly passes
/// <see cref="ChartText.Plotly(string)"/>: labels, ids and (for imported experiments) every name are user data.
/// </summary>
public static class ResultCharts
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };

    /// <summary>
    /// Figure 3, one chart per view: each method in its fixed colour, nudged sideways on the log axis so error
    /// bars do not hide each other, significance against supervised as a separate dark mark above the upper
    /// error bar saying which way (*↑ higher, *↓ lower, ns), and chance level (1/classes) as a dotted line.
    /// </summary>
    public static IReadOnlyList<ChartFigure> UarVersusFraction(IReadOnlyList<SummaryRow> summary, int classes) =>
        summary.GroupBy(r => r.View).OrderBy(g => g.Key).Select(view =>
        {
            var methods = view.GroupBy(r => r.Method).OrderBy(g => g.Key).ToList();
            var traces = methods.SelectMany((method, i) => FractionTraces(method.Key, method.Key, method.ToList(), view.ToList(), "solid", Nudge(i, methods.Count))).ToList();
            return new ChartFigure($"uar_vs_fraction_{view.Key}", $"UAR vs label fraction — {view.Key}",
                Serialize(traces, FractionLayout(ChartText.Plotly($"UAR vs label fraction ({view.Key})"), view, classes)),
                new ReportTable($"uar_vs_fraction_{view.Key}", "", FractionHeaders, FractionRows("all", view.ToList())));
        }).ToList();

    /// <summary>
    /// Figure 4: per view, the supervised baseline and each pre-trained method after pre-training on the
    /// fine-tuning emotions only ("target", solid) and on the other emotions only ("other", dashed);
    /// marks compare each with the supervised runs. Empty when the experiment did not run that comparison.
    /// </summary>
    public static IReadOnlyList<ChartFigure> OutOfDistribution(IReadOnlyList<RunResult> runs, int classes)
    {
        if (!runs.Any(r => r.PretrainingSet is "target" or "other")) return [];
        var target = ResultSummary.Summarise(runs, "target");
        var other = ResultSummary.Summarise(runs, "other").Where(r => r.Method != MethodNames.Supervised).ToList();
        return target.Select(r => r.View).Concat(other.Select(r => r.View)).Distinct().Order(StringComparer.Ordinal).Select(view =>
        {
            var traces = new List<Dictionary<string, object>>();
            var rows = new List<IReadOnlyList<string>>();
            var series = new[] { ("target", target, "solid"), ("other", other, "dash") }
                .SelectMany(s => s.Item2.Where(r => r.View == view).GroupBy(r => r.Method).OrderBy(g => g.Key).Select(m => (Set: s.Item1, Dash: s.Item3, Method: m)))
                .ToList();
            var supervised = target.Where(r => r.View == view).ToList();
            foreach (var (i, (set, dash, method)) in series.Index())
            {
                var name = method.Key == MethodNames.Supervised ? method.Key : $"{method.Key}, pre-trained on {set}";
                traces.AddRange(FractionTraces(name, method.Key, method.ToList(), supervised, dash, Nudge(i, series.Count)));
                rows.AddRange(FractionRows(set, method.ToList()));
            }
            var viewRows = target.Concat(other).Where(r => r.View == view).ToList();
            return new ChartFigure($"out_of_distribution_{view}", $"Target vs out-of-distribution pre-training — {view}",
                Serialize(traces, FractionLayout(ChartText.Plotly($"Pre-training on target vs other emotions ({view})"), viewRows, classes)),
                new ReportTable($"out_of_distribution_{view}", "", FractionHeaders, rows));
        }).ToList();
    }

    public static IReadOnlyList<ChartFigure> Embeddings(IReadOnlyList<EmbeddingPlot> plots) =>
        plots.OrderBy(p => p.View).ThenBy(p => p.State).Select(plot =>
        {
            var traces = Enumerable.Range(0, plot.Labels.Length).GroupBy(i => plot.Labels[i]).OrderBy(g => g.Key).Select(label => new Dictionary<string, object>
            {
                // SVG, not WebGL: a report has up to a dozen maps of a test session's few hundred points,
                // and browsers allow only ~16 WebGL contexts per page (the first maps went blank).
                ["type"] = "scatter",
                ["mode"] = "markers",
                ["name"] = ChartText.Plotly(label.Key),
                ["x"] = label.Select(i => plot.X[i]).ToArray(),
                ["y"] = label.Select(i => plot.Y[i]).ToArray(),
                ["text"] = ChartText.Plotly(label.Select(i => plot.UtteranceIds[i])),
                // The id as stored, for playing the clip on click (charts.js); never displayed.
                ["customdata"] = label.Select(i => plot.UtteranceIds[i]).ToArray(),
                ["hovertemplate"] = "%{text}<extra>%{fullData.name}</extra>",
                ["marker"] = new { size = 6, color = ChartPalette.Label(label.Key) },
            }).ToList();
            var layout = new
            {
                title = new { text = ChartText.Plotly($"{plot.View}: {plot.State}") },
                xaxis = new { showticklabels = false, zeroline = false },
                yaxis = new { showticklabels = false, zeroline = false },
                margin = new { t = 40, r = 8, b = 8, l = 8 },
                showlegend = true,
                height = 340,
            };
            var name = $"tsne_{plot.View}_{plot.State}".Replace(' ', '_');
            var rows = Enumerable.Range(0, plot.Labels.Length)
                .Select(i => (IReadOnlyList<string>)[plot.UtteranceIds[i], plot.Labels[i], Number(plot.X[i]), Number(plot.Y[i])]).ToList();
            return new ChartFigure(name, $"t-SNE — {plot.View}, {plot.State}", Serialize(traces, layout),
                new ReportTable(name, "", ["utterance", "emotion", "x", "y"], rows));
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
            xaxis = new { title = new { text = "epoch" }, dtick = EpochTick(curves.Max(c => c.TrainLoss.Length)) },
            yaxis = new { title = new { text = "loss" } },
            margin = new { t = 48, r = 16, b = 48, l = 56 },
            showlegend = true,
            height = 380,
        };
        var rows = curves.SelectMany(curve => curve.TrainLoss.Select((loss, i) => (IReadOnlyList<string>)
            [curve.Name, (i + 1).ToString(CultureInfo.InvariantCulture), Number(loss), i < curve.ValidationLoss.Length ? Number(curve.ValidationLoss[i]) : ""])).ToList();
        return new ChartFigure("loss_curves", "Loss per epoch", Serialize(traces, layout),
            new ReportTable("loss_curves", "", ["curve", "epoch", "train_loss", "validation_loss"], rows));
    }

    /// <summary>One fine-tuning run's curves: losses on the left axis, validation UAR on the right, the kept epoch marked.</summary>
    public static ChartFigure? RunCurves(RunResult run, string name)
    {
        var history = run.History;
        if (history.Count == 0) return null;
        var epochs = history.Select(h => h.Epoch).ToArray();
        var best = history.Where(h => h.ValidationUar is not null).MaxBy(h => h.ValidationUar!.Value);
        var traces = new List<Dictionary<string, object>>
        {
            Line("training loss", history.Select(h => h.TrainLoss).ToArray(), "solid", epochs),
            Line("validation loss", history.Select(h => h.ValidationLoss).ToArray(), "dot", epochs),
        };
        if (best is not null)
        {
            var uar = Line("validation UAR", history.Select(h => h.ValidationUar ?? double.NaN).ToArray(), "solid", epochs);
            uar["yaxis"] = "y2";
            traces.Add(uar);
        }
        var layout = new Dictionary<string, object>
        {
            ["title"] = new { text = "Loss and validation UAR per epoch" },
            ["xaxis"] = new { title = new { text = "epoch" }, dtick = EpochTick(history.Count) },
            ["yaxis"] = new { title = new { text = "loss" } },
            ["yaxis2"] = new { title = new { text = "validation UAR" }, overlaying = "y", side = "right", range = new[] { 0, 1 } },
            ["margin"] = new { t = 48, r = 56, b = 48, l = 56 },
            ["showlegend"] = true,
            ["legend"] = new { orientation = "h", y = -0.25 },
            ["height"] = 400,
        };
        // Early stopping keeps the best validation epoch's weights: a vertical line says which.
        if (best is not null)
            layout["shapes"] = new[] { new { type = "line", x0 = best.Epoch, x1 = best.Epoch, yref = "paper", y0 = 0, y1 = 1, line = new { dash = "dash", color = "#888" } } };
        var rows = history.Select(h => (IReadOnlyList<string>)
        [
            h.Epoch.ToString(CultureInfo.InvariantCulture), Number(h.TrainLoss), Number(h.ValidationLoss),
            h.ValidationUar is { } v ? Number(v) : "", Number(h.LearningRate), Number(h.Seconds),
        ]).ToList();
        return new ChartFigure(name, "Loss and validation UAR per epoch", Serialize(traces, layout),
            new ReportTable(name, "", ["epoch", "train_loss", "validation_loss", "validation_uar", "learning_rate", "seconds"], rows));
    }

    private static readonly string[] FractionHeaders =
        ["view", "method", "pretrained_on", "fraction_percent", "uar_mean", "uar_ci95", "wa_mean", "wa_ci95", "runs", "p_value_vs_supervised", "significance"];

    /// <summary>The CSV rows of a fraction chart; supervised runs were pre-trained on nothing ("none").</summary>
    private static List<IReadOnlyList<string>> FractionRows(string pretrainedOn, IReadOnlyList<SummaryRow> rows) =>
        rows.OrderBy(r => r.Method, StringComparer.Ordinal).ThenBy(r => r.FractionPercent).Select(r => (IReadOnlyList<string>)
        [
            r.View, r.Method, r.Method == MethodNames.Supervised ? "none" : pretrainedOn, Number(r.FractionPercent), Number(r.UarMean), Number(r.UarCi95),
            Number(r.WaMean), Number(r.WaCi95), r.Runs.ToString(CultureInfo.InvariantCulture), Number(r.PValueVsSupervised), r.Significance,
        ]).ToList();

    /// <summary>
    /// A method's line (true fractions on hover) and, for pre-trained methods, its significance marks as a
    /// second trace: dark text just above the upper end of each error bar, never on the bar in the line's colour.
    /// </summary>
    private static IEnumerable<Dictionary<string, object>> FractionTraces(string name, string method, IReadOnlyList<SummaryRow> rows,
        IReadOnlyList<SummaryRow> supervised, string dash, double nudge)
    {
        var points = rows.OrderBy(r => r.FractionPercent).ToList();
        var x = points.Select(r => r.FractionPercent * nudge).ToArray();
        var colour = ChartPalette.Method(method);
        yield return new Dictionary<string, object>
        {
            ["type"] = "scatter",
            ["mode"] = "lines+markers",
            ["name"] = ChartText.Plotly(name),
            ["legendgroup"] = ChartText.Plotly(name),
            ["x"] = x,
            ["y"] = points.Select(r => Finite(r.UarMean)).ToArray(),
            ["customdata"] = points.Select(r => r.FractionPercent).ToArray(),
            ["error_y"] = new { type = "data", array = points.Select(r => Finite(r.UarCi95)).ToArray(), visible = true, color = colour, thickness = 1.5, width = 4 },
            ["line"] = new { dash, color = colour },
            ["marker"] = new { color = colour, size = 7 },
            ["hovertemplate"] = "%{customdata}% labels: UAR %{y:.3f}<extra>%{fullData.name}</extra>",
        };
        var marked = points.Select((r, i) => (Row: r, X: x[i])).Where(p => p.Row.Significance.Length > 0 && double.IsFinite(p.Row.UarMean)).ToList();
        if (marked.Count == 0) yield break;
        yield return new Dictionary<string, object>
        {
            ["type"] = "scatter",
            ["mode"] = "text",
            ["name"] = ChartText.Plotly($"{name} vs supervised"),
            ["legendgroup"] = ChartText.Plotly(name),
            ["showlegend"] = false,
            ["x"] = marked.Select(p => p.X).ToArray(),
            // 0.02 UAR above the error bar's cap; the text sits above that point, clear of the cap.
            ["y"] = marked.Select(p => p.Row.UarMean + (double.IsFinite(p.Row.UarCi95) ? p.Row.UarCi95 : 0) + 0.02).ToArray(),
            ["text"] = ChartText.Plotly(marked.Select(p => Mark(p.Row, supervised))),
            ["textposition"] = "top center",
            ["textfont"] = new { color = ChartPalette.Marks, size = 13, family = "Arial Black, Arial, sans-serif" },
            ["hoverinfo"] = "skip",
        };
    }

    /// <summary>"*↑" / "*↓": significantly higher / lower than supervised at the same view and fraction; "ns" otherwise.</summary>
    public static string Mark(SummaryRow row, IReadOnlyList<SummaryRow> supervised) => SignificanceMark.Of(row, supervised);

    // Multiplicative offsets on the log axis: the n series of a chart spread over about ±6 % of each fraction.
    private static double Nudge(int index, int count) => count <= 1 ? 1 : Math.Pow(10, (index - (count - 1) / 2.0) * 0.05 / Math.Max(1, count - 1));

    private static object FractionLayout(string title, IEnumerable<SummaryRow> rows, int classes)
    {
        var chance = ResultWarnings.Chance(classes);
        var fractions = rows.Select(r => r.FractionPercent).Distinct().Order().ToArray();
        return new
        {
            title = new { text = title },
            xaxis = FractionAxis(fractions),
            yaxis = new { title = new { text = "UAR (mean, 95% CI)" } },
            margin = new { t = 48, r = 16, b = 48, l = 56 },
            showlegend = true,
            legend = new { orientation = "h", y = -0.25 },
            height = 380,
            shapes = ChanceLines([chance]),
            annotations = ChanceLabels([chance]),
        };
    }

    /// <summary>A log axis whose only ticks are the fractions used, written as plain numbers.</summary>
    public static object FractionAxis(IReadOnlyList<double> fractions) => new
    {
        title = new { text = "labelled training data (%)" },
        type = "log",
        tickmode = "array",
        tickvals = fractions,
        ticktext = fractions.Select(Number).ToArray(),
    };

    /// <summary>Dotted horizontal lines at chance level (1/classes), one per distinct value.</summary>
    public static object[] ChanceLines(IEnumerable<double> chances) => chances.Where(double.IsFinite).Distinct()
        .Select(c => (object)new { type = "line", xref = "paper", x0 = 0, x1 = 1, y0 = c, y1 = c, line = new { dash = "dot", color = ChartPalette.Chance, width = 1.5 } })
        .ToArray();

    public static object[] ChanceLabels(IEnumerable<double> chances) => chances.Where(double.IsFinite).Distinct()
        .Select(c => (object)new
        {
            xref = "paper", x = 1, xanchor = "right", y = c, yanchor = "bottom", showarrow = false,
            text = $"chance {c.ToString("0.###", CultureInfo.InvariantCulture)}", font = new { color = ChartPalette.Chance, size = 11 },
        })
        .ToArray();

    private static Dictionary<string, object> Line(string name, double[] values, string dash, int[]? epochs = null) => new()
    {
        ["type"] = "scatter",
        ["mode"] = "lines",
        ["name"] = ChartText.Plotly(name),
        ["x"] = epochs ?? Enumerable.Range(1, values.Length).ToArray(),
        ["y"] = values.Select(Finite).ToArray(),
        ["line"] = new { dash },
    };

    // Whole epochs only, about ten ticks at most.
    private static int EpochTick(int epochs) => Math.Max(1, (int)Math.Ceiling(epochs / 10.0));

    private static string Serialize(object data, object layout) => JsonSerializer.Serialize(new { data, layout }, Json);

    // JSON has no NaN: a missing interval (one run) is drawn without an error bar.
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";
}
