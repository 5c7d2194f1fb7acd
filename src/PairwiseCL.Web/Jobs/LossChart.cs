using System.Globalization;
using MudBlazor;
using PairwiseCL.Web.Experiments;

namespace PairwiseCL.Web.Jobs;

/// <summary>
/// A training's loss curve for MudBlazor's line chart. Its vertical ticks are whole numbers, and losses
/// lie mostly below 2, so the chart plots thousandths and labels the axis in units.
/// </summary>
public sealed class LossChart
{
    private const double Scale = 1000;
    private const int Ticks = 4;
    private const int MaxLabels = 10;

    private LossChart(List<ChartSeries<double>> series, string[] labels, LineChartOptions options)
    {
        Series = series;
        Labels = labels;
        Options = options;
    }

    public List<ChartSeries<double>> Series { get; }

    /// <summary>Epoch numbers under the curve, thinned to at most about ten.</summary>
    public string[] Labels { get; }

    public LineChartOptions Options { get; }

    public static LossChart Of(IReadOnlyList<EpochPoint> curve)
    {
        var highest = curve.Max(p => Math.Max(p.TrainLoss, p.ValidationLoss));
        var every = (int)Math.Ceiling(curve.Count / (double)MaxLabels);
        return new LossChart(
            [
                new() { Name = "training loss", Data = curve.Select(p => p.TrainLoss * Scale).ToArray() },
                new() { Name = "validation loss", Data = curve.Select(p => p.ValidationLoss * Scale).ToArray() },
            ],
            curve.Select((p, i) => i % every == 0 ? p.Epoch.ToString(CultureInfo.InvariantCulture) : "").ToArray(),
            new LineChartOptions
            {
                // Tooltips would show the scaled values; the caption above the chart gives the latest ones.
                ShowToolTips = false,
                YAxisTicks = Math.Max(1, (int)Math.Ceiling(highest * Scale / Ticks)),
                YAxisToStringFunc = value => (value / Scale).ToString("0.00", CultureInfo.InvariantCulture),
            });
    }
}
