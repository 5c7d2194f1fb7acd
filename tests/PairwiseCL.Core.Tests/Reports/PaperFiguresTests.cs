using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Reports;
using ScottPlot;

namespace PairwiseCL.Core.Tests.Reports;

/// <summary>
/// The report's Figure 3 PNG says what the results page says: a dotted chance line at 1/classes, and "*↑" /
/// "*↓" / "ns" marks against supervised in the page's dark mark colour, with each method in its page colour.
/// </summary>
public sealed class PaperFiguresTests
{
    [Fact]
    public void Figure3_DrawsTheChanceLine_AndThePagesMarks()
    {
        var summary = ResultSummary.Summarise(ReportWriterTests.SampleContent().Runs);

        var plot = PaperFigures.UarVersusFractionPlot(summary, "mel", classes: 4);

        var chance = Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.HorizontalLine>());
        Assert.Equal(0.25, chance.Y, 12);
        Assert.Equal(LinePattern.Dotted, chance.LinePattern);
        Assert.Equal("chance", chance.LabelText);
        var marks = plot.GetPlottables().OfType<ScottPlot.Plottables.Text>().ToList();
        // Both pre-trained methods beat supervised at both fractions in the sample (10 runs each, well apart).
        Assert.Equal(4, marks.Count);
        Assert.All(marks, m => Assert.Equal("*↑", m.LabelText));
        Assert.All(marks, m => Assert.Equal(Color.FromHex(MethodColours.Marks), m.LabelFontColor));
        var lines = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().ToList();
        Assert.Contains(lines, l => l.LegendText == MethodNames.Supervised && l.Color == Color.FromHex(MethodColours.Of(MethodNames.Supervised)!));
    }

    [Fact]
    public void Figure3_WithoutClasses_HasNoChanceLine()
    {
        var summary = ResultSummary.Summarise(ReportWriterTests.SampleContent().Runs);

        Assert.Empty(PaperFigures.UarVersusFractionPlot(summary, "mel", classes: 0).GetPlottables().OfType<ScottPlot.Plottables.HorizontalLine>());
    }
}
