using System.Text.Json;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Reports;
using PairwiseCL.Web.Results;

namespace PairwiseCL.Web.Tests.Results;

public sealed class ResultChartsTests
{
    [Fact]
    public void FractionChart_HasOneTracePerMethod_WithCiBarsAndSignificanceMarks()
    {
        SummaryRow[] summary =
        [
            new("mel", "supervised", 10, 0.40, 0.02, 0.41, 0.02, 10, double.NaN, ""),
            new("mel", "supervised", 100, 0.55, 0.03, 0.56, 0.03, 10, double.NaN, ""),
            new("mel", "pairwise-tuned", 100, 0.60, 0.02, 0.61, 0.02, 10, 0.01, "*"),
            new("mel", "pairwise-tuned", 10, 0.50, double.NaN, 0.52, double.NaN, 1, 0.3, "ns"),
            new("egemaps", "supervised", 100, 0.45, 0.01, 0.46, 0.01, 10, double.NaN, ""),
        ];

        var charts = ResultCharts.UarVersusFraction(summary);

        Assert.Equal(new[] { "uar_vs_fraction_egemaps", "uar_vs_fraction_mel" }, charts.Select(c => c.Name));
        using var figure = JsonDocument.Parse(charts[1].FigureJson);
        var tuned = figure.RootElement.GetProperty("data").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "pairwise-tuned");
        // Points are sorted by fraction; a missing interval is drawn without a bar (JSON has no NaN).
        Assert.Equal(new[] { 10.0, 100.0 }, tuned.GetProperty("x").EnumerateArray().Select(x => x.GetDouble()));
        Assert.Equal(new[] { "ns", "*" }, tuned.GetProperty("text").EnumerateArray().Select(x => x.GetString()));
        var bars = tuned.GetProperty("error_y").GetProperty("array").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, bars[0].ValueKind);
        Assert.Equal(0.02, bars[1].GetDouble());
    }

    [Fact]
    public void EmbeddingChart_ColoursByEmotion_AndCarriesUtteranceIdsForHover()
    {
        var plot = new EmbeddingPlot("mel", "pre-trained", [0, 1, 2], [3, 4, 5], ["sad", "angry", "sad"], ["u0", "u1", "u2"]);

        var chart = Assert.Single(ResultCharts.Embeddings([plot]));

        using var figure = JsonDocument.Parse(chart.FigureJson);
        var traces = figure.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(new[] { "angry", "sad" }, traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(new[] { "u0", "u2" }, traces[1].GetProperty("text").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(new[] { 3.0, 5.0 }, traces[1].GetProperty("y").EnumerateArray().Select(x => x.GetDouble()));
    }
}
