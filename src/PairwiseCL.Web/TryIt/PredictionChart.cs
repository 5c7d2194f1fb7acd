using System.Text.Json;
using PairwiseCL.Core.Models;
using PairwiseCL.Web.Results;
using PairwiseCL.Web.Security;

namespace PairwiseCL.Web.TryIt;

/// <summary>A prediction as a Plotly bar chart: one bar per emotion, the predicted one highlighted.</summary>
public static class PredictionChart
{
    public static ChartFigure Of(string model, EmotionPrediction prediction)
    {
        var classes = prediction.Probabilities.Keys.ToArray();
        var figure = new
        {
            data = new object[]
            {
                new
                {
                    type = "bar",
                    x = ChartText.Plotly(classes),
                    y = classes.Select(c => prediction.Probabilities[c]).ToArray(),
                    marker = new { color = classes.Select(c => c == prediction.Predicted ? "#c62828" : "#90a4ae").ToArray() },
                    hovertemplate = "%{x}: %{y:.3f}<extra></extra>",
                },
            },
            layout = new
            {
                title = new { text = ChartText.Plotly($"Emotion probabilities ({model})") },
                yaxis = new { title = new { text = "probability" }, range = new[] { 0, 1 } },
                margin = new { t = 48, r = 16, b = 48, l = 56 },
                showlegend = false,
            },
        };
        return new ChartFigure($"prediction_{model}", $"Emotion probabilities ({model})", JsonSerializer.Serialize(figure));
    }
}
