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

    [Fact]
    public void FractionChart_CsvHoldsThePlottedNumbers()
    {
        SummaryRow[] summary =
        [
            new("mel", "supervised", 100, 0.55, 0.03, 0.56, 0.031, 10, double.NaN, ""),
            new("mel", "pairwise-tuned", 100, 0.6, 0.02, 0.61, 0.021, 10, 0.0123, "*"),
        ];

        var csv = Assert.Single(ResultCharts.UarVersusFraction(summary)).Data!.ToCsv().ReplaceLineEndings("\n");

        Assert.Equal(
            "view,method,pretrained_on,fraction_percent,uar_mean,uar_ci95,wa_mean,wa_ci95,runs,p_value_vs_supervised,significance\n" +
            "mel,pairwise-tuned,all,100,0.6,0.02,0.61,0.021,10,0.0123,*\n" +
            "mel,supervised,none,100,0.55,0.03,0.56,0.031,10,,\n", csv);
    }

    [Fact]
    public void OutOfDistributionChart_ComparesTargetAndOtherPretrainingWithSupervised()
    {
        RunResult Run(string method, string set, double uar, int repeat) =>
            new("egemaps", method, 25, 0, "s1", repeat, repeat, 0.5, set, 10, 10, uar, uar, [[1]], [uar], 3, uar, 1);
        var runs = new[]
        {
            Run("supervised", "none", 0.40, 0), Run("supervised", "none", 0.42, 1),
            Run("pairwise-tuned", "target", 0.50, 0), Run("pairwise-tuned", "target", 0.52, 1),
            Run("pairwise-tuned", "other", 0.45, 0), Run("pairwise-tuned", "other", 0.47, 1),
            Run("pairwise-tuned", "all", 0.90, 0),
        };

        var chart = Assert.Single(ResultCharts.OutOfDistribution(runs));

        Assert.Equal("out_of_distribution_egemaps", chart.Name);
        using var figure = JsonDocument.Parse(chart.FigureJson);
        var traces = figure.RootElement.GetProperty("data").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("y")[0].GetDouble());
        // Runs pre-trained on everything belong to Figure 3, not here.
        Assert.Equal(3, traces.Count);
        Assert.Equal(0.41, traces["supervised"], 9);
        Assert.Equal(0.51, traces["pairwise-tuned, pre-trained on target"], 9);
        Assert.Equal(0.46, traces["pairwise-tuned, pre-trained on other"], 9);
        Assert.Equal(new[] { "none", "other", "target" }, chart.Data!.Rows.Select(r => r[2]).Order());
        Assert.Empty(ResultCharts.OutOfDistribution(runs.Where(r => r.PretrainingSet is "all" or "none").ToList()));
    }

    [Fact]
    public void RunCurves_PlotLossesAndValidationUar_AndMarkTheKeptEpoch()
    {
        var run = new RunResult("mel", "supervised", 100, 0, "s1", 0, 1, 0.5, "none", 10, 10, 0.5, 0.5, [[1]], [0.5], 3, 0.7, 1)
        {
            History = [new(1, 1.2, 1.3, 0.4, 1e-3, 0.1), new(2, 0.9, 1.1, 0.7, 1e-3, 0.1), new(3, 0.7, 1.2, 0.6, 9e-4, 0.1)],
        };

        var chart = ResultCharts.RunCurves(run, "run_1")!;

        using var figure = JsonDocument.Parse(chart.FigureJson);
        var traces = figure.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(new[] { "training loss", "validation loss", "validation UAR" }, traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("y2", traces[2].GetProperty("yaxis").GetString());
        Assert.Equal(new[] { 0.4, 0.7, 0.6 }, traces[2].GetProperty("y").EnumerateArray().Select(y => y.GetDouble()));
        Assert.Equal(2, figure.RootElement.GetProperty("layout").GetProperty("shapes")[0].GetProperty("x0").GetInt32());
        Assert.Equal(new[] { "3", "0.7", "1.2", "0.6", "0.0009", "0.1" }, chart.Data!.Rows[2]);
        Assert.Null(ResultCharts.RunCurves(run with { History = [] }, "run_1"));
    }
}
