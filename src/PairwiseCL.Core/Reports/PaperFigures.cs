using PairwiseCL.Core.Experiments;
using ScottPlot;
using SkiaSharp;

namespace PairwiseCL.Core.Reports;

/// <summary>The paper's figures as PNG files, drawn with ScottPlot.</summary>
public static class PaperFigures
{
    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#ff7f0e"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
        Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    /// <summary>
    /// Figure 3 as the results page draws it: mean UAR against label fraction for each method of one view (the
    /// page's method colours) with 95% CI bands; above a pre-trained method's point "*↑" / "*↓" mark a UAR
    /// significantly higher / lower than supervised (Mann-Whitney), "ns" none; a dotted line marks chance
    /// (1/classes). Fractions are evenly spaced (labelled with their percentage), as in the paper.
    /// </summary>
    public static void UarVersusFraction(IReadOnlyList<SummaryRow> summary, string view, int classes, string path) =>
        UarVersusFractionPlot(summary, view, classes).SavePng(path, 720, 520);

    internal static Plot UarVersusFractionPlot(IReadOnlyList<SummaryRow> summary, string view, int classes)
    {
        var rows = summary.Where(r => r.View == view).ToList();
        var fractions = rows.Select(r => r.FractionPercent).Distinct().Order().ToArray();
        var plot = new Plot();
        var methods = MethodNames.All.Where(m => rows.Any(r => r.Method == m)).ToList();
        for (var m = 0; m < methods.Count; m++)
        {
            var series = fractions.Select((f, i) => (i, row: rows.FirstOrDefault(r => r.Method == methods[m] && r.FractionPercent == f)))
                .Where(p => p.row is not null).ToList();
            var xs = series.Select(p => (double)p.i).ToArray();
            var ys = series.Select(p => p.row!.UarMean).ToArray();
            var half = series.Select(p => double.IsNaN(p.row!.UarCi95) ? 0 : p.row.UarCi95).ToArray();
            var color = MethodColours.Of(methods[m]) is { } known ? Color.FromHex(known) : Palette[m % Palette.Length];
            MeanWithBand(plot, xs, ys, half, color, bandAlpha: 0.18, markerSize: 7, methods[m]);
            if (methods[m] == MethodNames.Supervised) continue;
            foreach (var (i, row) in series)
            {
                if (row!.Significance == "") continue;
                // Dark and bold above the band, as on the results page, so a mark never reads as part of a line.
                var mark = plot.Add.Text(SignificanceMark.Of(row, summary), i, row.UarMean + (double.IsNaN(row.UarCi95) ? 0 : row.UarCi95) + 0.01);
                mark.LabelFontColor = Color.FromHex(MethodColours.Marks);
                mark.LabelFontSize = 14;
                mark.LabelBold = true;
                mark.LabelAlignment = Alignment.LowerCenter;
            }
        }
        if (classes > 0)
        {
            var chance = plot.Add.HorizontalLine(1.0 / classes);
            chance.Color = Color.FromHex(MethodColours.Chance);
            chance.LinePattern = LinePattern.Dotted;
            chance.LineWidth = 1.5f;
            chance.LegendText = $"chance (1/{classes})";
            chance.LabelText = "chance";
        }
        plot.Axes.Bottom.SetTicks(fractions.Select((_, i) => (double)i).ToArray(), fractions.Select(f => $"{f:0.#}%").ToArray());
        plot.XLabel("labelled training data");
        plot.YLabel("UAR (mean ± 95% CI)");
        plot.Title($"{view}: UAR vs label fraction");
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>A mean curve with its 95 % CI as a translucent band around it: Figure 3 and the learning curves draw their series so.</summary>
    internal static ScottPlot.Plottables.Scatter MeanWithBand(Plot plot, double[] xs, double[] ys, double[] halfWidths, Color color,
        double bandAlpha, float markerSize, string legend)
    {
        var band = plot.Add.FillY(xs, ys.Zip(halfWidths, (y, h) => y - h).ToArray(), ys.Zip(halfWidths, (y, h) => y + h).ToArray());
        band.FillColor = color.WithAlpha(bandAlpha);
        band.LineColor = Colors.Transparent;
        var line = plot.Add.Scatter(xs, ys);
        line.Color = color;
        line.LineWidth = 2;
        line.MarkerSize = markerSize;
        line.LegendText = legend;
        return line;
    }

    /// <summary>Figures 5/6: t-SNE scatter plots, one panel per encoder state, coloured by emotion, side by side.</summary>
    public static void EmbeddingGrid(IReadOnlyList<EmbeddingPlot> panels, IReadOnlyList<string> classNames, string path)
    {
        const int panelWidth = 460, panelHeight = 440;
        var images = panels.Select(panel =>
        {
            var plot = new Plot();
            for (var c = 0; c < classNames.Count; c++)
            {
                var members = Enumerable.Range(0, panel.Labels.Length).Where(i => panel.Labels[i] == classNames[c]).ToArray();
                if (members.Length == 0) continue;
                var points = plot.Add.ScatterPoints(members.Select(i => panel.X[i]).ToArray(), members.Select(i => panel.Y[i]).ToArray());
                points.Color = Palette[c % Palette.Length];
                points.MarkerSize = 5;
                points.LegendText = classNames[c];
            }
            plot.Title($"{panel.View} — {panel.State}");
            plot.XLabel("t-SNE 1");
            plot.YLabel("t-SNE 2");
            plot.ShowLegend(Edge.Bottom);
            return plot.GetImage(panelWidth, panelHeight).GetImageBytes(ImageFormat.Png);
        }).ToList();

        using var surface = SKSurface.Create(new SKImageInfo(Math.Max(1, panelWidth * images.Count), panelHeight));
        surface.Canvas.Clear(SKColors.White);
        for (var i = 0; i < images.Count; i++)
        {
            using var bitmap = SKBitmap.Decode(images[i]);
            surface.Canvas.DrawBitmap(bitmap, i * panelWidth, 0);
        }
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        png.SaveTo(file);
    }

    /// <summary>Training and validation loss per epoch for each curve.</summary>
    public static void LossCurves(IReadOnlyList<LossCurve> curves, string path)
    {
        var plot = new Plot();
        for (var c = 0; c < curves.Count; c++)
        {
            var color = Palette[c % Palette.Length];
            var train = plot.Add.Scatter(Enumerable.Range(1, curves[c].TrainLoss.Length).Select(e => (double)e).ToArray(), curves[c].TrainLoss);
            train.Color = color;
            train.MarkerSize = 0;
            train.LegendText = $"{curves[c].Name} (train)";
            if (curves[c].ValidationLoss.Length == 0) continue;
            var validation = plot.Add.Scatter(Enumerable.Range(1, curves[c].ValidationLoss.Length).Select(e => (double)e).ToArray(), curves[c].ValidationLoss);
            validation.Color = color;
            validation.MarkerSize = 0;
            validation.LinePattern = LinePattern.Dashed;
            validation.LegendText = $"{curves[c].Name} (validation)";
        }
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.Title("Loss curves");
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 900, 520);
    }
}
