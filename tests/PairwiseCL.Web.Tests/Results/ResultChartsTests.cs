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

        var charts = ResultCharts.UarVersusFraction(summary, classes: 4);

        Assert.Equal(new[] { "uar_vs_fraction_egemaps", "uar_vs_fraction_mel" }, charts.Select(c => c.Name));
        using var figure = JsonDocument.Parse(charts[1].FigureJson);
        var tuned = figure.RootElement.GetProperty("data").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "pairwise-tuned");
        // Points are sorted by fraction (true fractions on hover); a missing interval is drawn without a bar (JSON has no NaN).
        Assert.Equal(new[] { 10.0, 100.0 }, tuned.GetProperty("customdata").EnumerateArray().Select(x => x.GetDouble()));
        var marks = figure.RootElement.GetProperty("data").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "pairwise-tuned vs supervised");
        Assert.Equal(new[] { "ns", "*↑" }, marks.GetProperty("text").EnumerateArray().Select(x => x.GetString()));
        var bars = tuned.GetProperty("error_y").GetProperty("array").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, bars[0].ValueKind);
        Assert.Equal(0.02, bars[1].GetDouble());
    }

    [Fact]
    public void FractionChart_DrawsChance_TicksOnlyTheFractionsUsed_AndMarksStandClearOfTheErrorBars()
    {
        SummaryRow[] summary =
        [
            new("mel", "supervised", 2, 0.40, 0.05, 0.41, 0.02, 10, double.NaN, ""),
            new("mel", "supervised", 100, 0.60, 0.05, 0.56, 0.03, 10, double.NaN, ""),
            new("mel", "pairwise-tuned", 2, 0.50, 0.04, 0.61, 0.02, 10, 0.01, "*"),
            new("mel", "pairwise-tuned", 100, 0.50, 0.04, 0.52, 0.04, 10, 0.02, "*"),
            new("mel", "pairwise-frozen", 2, 0.42, 0.06, 0.52, 0.04, 10, 0.6, "ns"),
            new("mel", "pairwise-frozen", 100, 0.58, 0.06, 0.52, 0.04, 10, 0.6, "ns"),
        ];

        using var figure = JsonDocument.Parse(Assert.Single(ResultCharts.UarVersusFraction(summary, classes: 5)).FigureJson);

        var layout = figure.RootElement.GetProperty("layout");
        var chance = layout.GetProperty("shapes")[0];
        Assert.Equal(0.2, chance.GetProperty("y0").GetDouble(), 9);
        Assert.Equal(0.2, chance.GetProperty("y1").GetDouble(), 9);
        Assert.Equal("chance 0.2", layout.GetProperty("annotations")[0].GetProperty("text").GetString());
        Assert.Equal(new[] { 2.0, 100.0 }, layout.GetProperty("xaxis").GetProperty("tickvals").EnumerateArray().Select(x => x.GetDouble()));
        Assert.Equal(new[] { "2", "100" }, layout.GetProperty("xaxis").GetProperty("ticktext").EnumerateArray().Select(x => x.GetString()));

        var traces = figure.RootElement.GetProperty("data").EnumerateArray().ToList();
        var lines = traces.Where(t => t.GetProperty("mode").GetString() == "lines+markers").ToList();
        // The three methods sit at three different x positions around each fraction, in fixed method colours.
        Assert.Equal(3, lines.Select(t => t.GetProperty("x")[0].GetDouble()).Distinct().Count());
        Assert.All(lines, t => Assert.InRange(t.GetProperty("x")[0].GetDouble(), 2 / 1.1, 2 * 1.1));
        Assert.Equal(lines.Select(t => ChartPalette.Method(t.GetProperty("name").GetString()!)), lines.Select(t => t.GetProperty("line").GetProperty("color").GetString()));
        Assert.Equal(3, lines.Select(t => t.GetProperty("line").GetProperty("color").GetString()).Distinct().Count());

        var tunedMarks = traces.Single(t => t.GetProperty("name").GetString() == "pairwise-tuned vs supervised");
        // Higher than supervised at 2 %, lower at 100 %: the mark says which.
        Assert.Equal(new[] { "*↑", "*↓" }, tunedMarks.GetProperty("text").EnumerateArray().Select(x => x.GetString()));
        // Above the upper cap (mean + CI), in the dark mark colour, not the line's.
        Assert.True(tunedMarks.GetProperty("y")[0].GetDouble() > 0.50 + 0.04);
        Assert.Equal(ChartPalette.Marks, tunedMarks.GetProperty("textfont").GetProperty("color").GetString());
        Assert.Equal(lines.Single(t => t.GetProperty("name").GetString() == "pairwise-tuned").GetProperty("x").EnumerateArray().Select(x => x.GetDouble()),
            tunedMarks.GetProperty("x").EnumerateArray().Select(x => x.GetDouble()));
        var frozenMarks = traces.Single(t => t.GetProperty("name").GetString() == "pairwise-frozen vs supervised");
        Assert.Equal(new[] { "ns", "ns" }, frozenMarks.GetProperty("text").EnumerateArray().Select(x => x.GetString()));
        Assert.True(frozenMarks.GetProperty("y")[1].GetDouble() > 0.58 + 0.06);
    }

    [Fact]
    public void Colours_KeepTheirMeaning_ForMethodsAndLabelsWhateverTheOrder()
    {
        var first = new EmbeddingPlot("mel", "pre-trained", [0, 1], [0, 1], ["neutral", "anger"], ["u0", "u1"]);
        var second = new EmbeddingPlot("egemaps", "pre-trained", [0, 1, 2], [0, 1, 2], ["calm", "neutral", "Zorn"], ["u0", "u1", "u2"]);

        var colours = ResultCharts.Embeddings([first, second]).SelectMany(c =>
        {
            using var figure = JsonDocument.Parse(c.FigureJson);
            return figure.RootElement.GetProperty("data").EnumerateArray()
                .Select(t => (Label: t.GetProperty("name").GetString()!, Colour: t.GetProperty("marker").GetProperty("color").GetString()!)).ToList();
        }).ToList();

        // "neutral" has one colour on both maps, and it is not another label's.
        Assert.Single(colours.Where(c => c.Label == "neutral").Select(c => c.Colour).Distinct());
        Assert.Equal(colours.Count - 1, colours.Select(c => c.Colour).Distinct().Count());
        Assert.Equal(ChartPalette.Label("Zorn"), ChartPalette.Label(" zorn "));
        Assert.NotEqual(ChartPalette.Method("supervised"), ChartPalette.Method("pairwise-tuned"));
        Assert.Equal(20, Enumerable.Range(0, 20).Select(ChartPalette.SeriesColour).Distinct().Count());
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

        var csv = Assert.Single(ResultCharts.UarVersusFraction(summary, 4)).Data!.ToCsv().ReplaceLineEndings("\n");

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

        var chart = Assert.Single(ResultCharts.OutOfDistribution(runs, 4));

        Assert.Equal("out_of_distribution_egemaps", chart.Name);
        using var figure = JsonDocument.Parse(chart.FigureJson);
        var traces = figure.RootElement.GetProperty("data").EnumerateArray()
            .Where(t => t.GetProperty("mode").GetString() != "text")
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("y")[0].GetDouble());
        // Runs pre-trained on everything belong to Figure 3, not here.
        Assert.Equal(3, traces.Count);
        Assert.Equal(0.41, traces["supervised"], 9);
        Assert.Equal(0.51, traces["pairwise-tuned, pre-trained on target"], 9);
        Assert.Equal(0.46, traces["pairwise-tuned, pre-trained on other"], 9);
        Assert.Equal(new[] { "none", "other", "target" }, chart.Data!.Rows.Select(r => r[2]).Order());
        Assert.Empty(ResultCharts.OutOfDistribution(runs.Where(r => r.PretrainingSet is "all" or "none").ToList(), 4));
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
