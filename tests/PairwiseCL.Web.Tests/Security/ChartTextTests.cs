using System.Text.Json;
using PairwiseCL.Core.Models;
using PairwiseCL.Web.TryIt;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>Class names of a model (an imported experiment's are anyone's text) reach Plotly only as entities.</summary>
public sealed class ChartTextTests
{
    [Fact]
    public void APredictionChart_EncodesClassNamesAndTheModelName()
    {
        const string hostile = "<img src=x onerror=alert(1)>&";
        var prediction = new EmotionPrediction(new Dictionary<string, double> { [hostile] = 0.75, ["neu"] = 0.25 }, hostile);

        var figure = JsonDocument.Parse(PredictionChart.Of("<b>m</b>", prediction).FigureJson).RootElement;

        var x = figure.GetProperty("data")[0].GetProperty("x").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["&lt;img src=x onerror=alert(1)&gt;&amp;", "neu"], x);
        Assert.Equal("Emotion probabilities (&lt;b&gt;m&lt;/b&gt;)", figure.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
    }
}
