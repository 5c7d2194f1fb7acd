using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Selection;

/// <summary>
/// What selection strategies work on: an encoder's representations as one row of doubles per clip, standardised
/// per dimension with one set of clips' statistics (no labels needed), so distances and one regularisation
/// strength suit every view.
/// </summary>
public static class RepresentationRows
{
    public static double[][] Of(ViewEncoder encoder, IReadOnlyList<FeatureMatrix> features, Device device, BatchPadding padding,
        CancellationToken cancellationToken = default)
    {
        using var scope = NewDisposeScope();
        var representations = Inference.Representations(encoder, features, device, cancellationToken: cancellationToken, padding: padding).to(float64).cpu();
        var columns = (int)representations.shape[1];
        var flat = representations.data<double>().ToArray();
        return Enumerable.Range(0, features.Count).Select(r => flat.AsSpan(r * columns, columns).ToArray()).ToArray();
    }

    /// <summary>Each dimension's mean and population spread over <paramref name="rows"/> (1 for a constant dimension).</summary>
    public static (double[] Mean, double[] Scale) Standardisation(IReadOnlyList<double[]> rows)
    {
        var columns = rows[0].Length;
        var mean = new double[columns];
        var scale = new double[columns];
        for (var j = 0; j < columns; j++)
        {
            mean[j] = rows.Average(r => r[j]);
            var sd = Math.Sqrt(rows.Sum(r => (r[j] - mean[j]) * (r[j] - mean[j])) / rows.Count);
            scale[j] = sd > 1e-12 ? sd : 1.0;
        }
        return (mean, scale);
    }

    public static double[] Standardise(double[] row, double[] mean, double[] scale) =>
        row.Select((v, j) => (v - mean[j]) / scale[j]).ToArray();
}
