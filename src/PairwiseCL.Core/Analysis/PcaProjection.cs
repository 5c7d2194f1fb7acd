using MathNet.Numerics.LinearAlgebra;

namespace PairwiseCL.Core.Analysis;

/// <summary>Projection of row-major points onto their leading principal components.</summary>
internal static class PcaProjection
{
    /// <returns>Row-major N x <paramref name="components"/> scores (zero beyond the input's dimension); each
    /// component's sign is fixed so that its largest loading is positive, making the result deterministic.</returns>
    public static double[] Project(double[] points, int dimension, int components)
    {
        var n = points.Length / dimension;
        var x = Matrix<double>.Build.Dense(n, dimension, (r, c) => points[r * dimension + c]);
        var means = x.ColumnSums() / n;
        var centred = Matrix<double>.Build.Dense(n, dimension, (r, c) => x[r, c] - means[c]);
        var evd = centred.TransposeThisAndMultiply(centred).Evd(Symmetricity.Symmetric);

        // MathNet orders symmetric eigenvalues ascending: the leading components are the last columns.
        var loadings = Matrix<double>.Build.Dense(dimension, components);
        for (var k = 0; k < Math.Min(components, dimension); k++)
        {
            var column = evd.EigenVectors.Column(dimension - 1 - k);
            var largest = column.AbsoluteMaximumIndex();
            if (column[largest] < 0) column = -column;
            loadings.SetColumn(k, column);
        }
        return (centred * loadings).ToRowMajorArray();
    }
}
