using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using TorchSharp;

namespace PairwiseCL.Core.Analysis;

/// <summary>
/// Projection-weighted canonical correlation analysis (Morcos et al. 2018), step for step as the widely
/// used numpy reference (google/svcca, cca_core + pwcca) computes it, which is what
/// data/reference/pwcca was made with:
/// covariances (ddof 1), each block rescaled by its largest magnitude for stability, neurons with
/// variance below epsilon dropped, epsilon added to the diagonals, whitening by the symmetric square root
/// of the pseudo-inverse, LAPACK SVD of the whitened cross-covariance (singular values = canonical
/// correlations), canonical directions u^T (A - mean) + mean on the side with fewer neurons,
/// orthonormalised by QR, and weights = the summed |projection| of that side's activations onto them.
/// </summary>
public static class Pwcca
{
    public const double DefaultEpsilon = 1e-10;

    /// <param name="a">Representations, one row per datapoint (utterance), one column per neuron.</param>
    /// <param name="b">The other representations of the same datapoints, in the same row order.</param>
    public static PwccaResult Compute(double[,] a, double[,] b, double epsilon = DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.GetLength(0) != b.GetLength(0))
            throw new ArgumentException(
                $"a has {a.GetLength(0)} datapoints (rows) but b has {b.GetLength(0)}; PWCCA compares the same datapoints.", nameof(b));
        var x = NeuronsByDatapoints(a, nameof(a));
        var y = NeuronsByDatapoints(b, nameof(b));

        var (sxx, sxy, syy) = ScaledCovariances(x, y);
        var keepX = NeuronsAbove(sxx, epsilon);
        var keepY = NeuronsAbove(syy, epsilon);
        if (keepX.Length == 0 || keepY.Length == 0)
            throw new ArgumentException("One representation has no neuron with non-zero variance; PWCCA is undefined.");

        sxx = Select(sxx, keepX, keepX) + epsilon * Matrix<double>.Build.DenseIdentity(keepX.Length);
        syy = Select(syy, keepY, keepY) + epsilon * Matrix<double>.Build.DenseIdentity(keepY.Length);
        sxy = Select(sxy, keepX, keepY);

        var whitened = InverseSquareRoot(sxx) * sxy * InverseSquareRoot(syy);
        var (u, singularValues, vt) = LapackSvd(whitened);
        var correlations = singularValues.Select(Math.Abs).ToArray();

        // The reference weights by the side with fewer neurons (x on a tie); its canonical directions are
        // the left singular vectors for x, the right ones for y (with y's own activations: the reference's
        // y branch reads x's, a slip we do not copy; its cases all weight by x).
        var useX = keepX.Length <= keepY.Length;
        var acts = useX ? x : y;
        var keep = useX ? keepX : keepY;
        var coefficients = useX ? u.Transpose() : vt;
        var weights = ProjectionWeights(Rows(acts, keep), coefficients, correlations.Length);

        var similarity = 0.0;
        for (var i = 0; i < correlations.Length; i++) similarity += weights[i] * correlations[i];
        return new PwccaResult(similarity, correlations.Average(), correlations, weights);
    }

    /// <summary>
    /// PWCCA between two seeded standard-Gaussian representations with the given shapes: the paper's
    /// "random" row of Table 3, the alignment expected by chance at this size.
    /// </summary>
    public static PwccaResult RandomBaseline(int datapoints, int neuronsA, int neuronsB, int seed) =>
        Compute(RandomRepresentations.Gaussian(datapoints, neuronsA, seed),
                RandomRepresentations.Gaussian(datapoints, neuronsB, unchecked(seed * 7919 + 1)));

    /// <summary>The random baseline for representations shaped like <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static PwccaResult RandomBaseline(double[,] a, double[,] b, int seed)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return RandomBaseline(a.GetLength(0), a.GetLength(1), b.GetLength(1), seed);
    }

    private static double[] ProjectionWeights(Matrix<double> acts, Matrix<double> coefficients, int count)
    {
        var means = acts.RowSums() / acts.ColumnCount;
        var directions = coefficients * Centred(acts);
        for (var r = 0; r < directions.RowCount; r++)
        for (var c = 0; c < directions.ColumnCount; c++)
            directions[r, c] += means[r];

        var basis = directions.Transpose().QR(QRMethod.Thin).Q;
        var projections = basis.TransposeThisAndMultiply(acts.Transpose());
        var weights = new double[count];
        for (var i = 0; i < count; i++)
            for (var j = 0; j < projections.ColumnCount; j++)
                weights[i] += Math.Abs(projections[i, j]);
        var total = weights.Sum();
        for (var i = 0; i < count; i++) weights[i] /= total;
        return weights;
    }

    /// <summary>
    /// Full SVD by LAPACK's gesdd (libtorch on the CPU), not MathNet's managed SVD: the reference adds the
    /// neuron means back onto the canonical directions, so its result depends on each singular vector's
    /// sign, and only the LAPACK routine numpy uses reproduces those signs.
    /// </summary>
    private static (Matrix<double> U, double[] S, Matrix<double> VT) LapackSvd(Matrix<double> m)
    {
        using var scope = torch.NewDisposeScope();
        var input = torch.tensor(m.ToRowMajorArray(), m.RowCount, m.ColumnCount, torch.float64, torch.CPU);
        var (u, s, vh) = torch.linalg.svd(input, fullMatrices: true);
        return (FromTensor(u), s.data<double>().ToArray(), FromTensor(vh));
    }

    private static Matrix<double> FromTensor(torch.Tensor t)
    {
        var values = t.contiguous().data<double>().ToArray();
        int rows = (int)t.shape[0], columns = (int)t.shape[1];
        return Matrix<double>.Build.Dense(rows, columns, (r, c) => values[r * columns + c]);
    }

    private static (Matrix<double> Sxx, Matrix<double> Sxy, Matrix<double> Syy) ScaledCovariances(Matrix<double> x, Matrix<double> y)
    {
        var sxx = Covariance(x, x);
        var syy = Covariance(y, y);
        var sxy = Covariance(x, y);
        var xMax = sxx.Enumerate().Max(Math.Abs);
        var yMax = syy.Enumerate().Max(Math.Abs);
        return (sxx / xMax, sxy / Math.Sqrt(xMax * yMax), syy / yMax);
    }

    private static Matrix<double> Covariance(Matrix<double> x, Matrix<double> y)
    {
        var xc = Centred(x);
        var yc = ReferenceEquals(x, y) ? xc : Centred(y);
        return xc.TransposeAndMultiply(yc) / (x.ColumnCount - 1);
    }

    private static Matrix<double> Centred(Matrix<double> m)
    {
        var means = m.RowSums() / m.ColumnCount;
        return Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount, (r, c) => m[r, c] - means[r]);
    }

    /// <summary>(pinv(S))^(1/2) through the symmetric eigen-decomposition, as the reference does.</summary>
    private static Matrix<double> InverseSquareRoot(Matrix<double> s)
    {
        var evd = s.PseudoInverse().Evd(Symmetricity.Symmetric);
        var roots = evd.EigenValues.Select(v => Math.Sqrt(Math.Max(v.Real, 0))).ToArray();
        var v = evd.EigenVectors;
        return v * Matrix<double>.Build.DenseOfDiagonalArray(roots) * v.Transpose();
    }

    private static int[] NeuronsAbove(Matrix<double> covariance, double epsilon) =>
        Enumerable.Range(0, covariance.RowCount).Where(i => Math.Abs(covariance[i, i]) >= epsilon).ToArray();

    private static Matrix<double> Select(Matrix<double> m, int[] rows, int[] columns) =>
        Matrix<double>.Build.Dense(rows.Length, columns.Length, (r, c) => m[rows[r], columns[c]]);

    private static Matrix<double> Rows(Matrix<double> m, int[] rows) =>
        Matrix<double>.Build.Dense(rows.Length, m.ColumnCount, (r, c) => m[rows[r], c]);

    private static Matrix<double> NeuronsByDatapoints(double[,] representation, string name)
    {
        int datapoints = representation.GetLength(0), neurons = representation.GetLength(1);
        if (neurons == 0) throw new ArgumentException("The representation has no neurons (columns).", name);
        if (neurons >= datapoints)
            throw new ArgumentException(
                $"{name} has {neurons} neurons but only {datapoints} datapoints; CCA needs more datapoints (rows) " +
                "than neurons (columns). Was it passed transposed?", name);
        foreach (var value in representation)
            if (!double.IsFinite(value)) throw new ArgumentException($"{name} contains a NaN or infinite value.", name);
        return Matrix<double>.Build.DenseOfArray(representation).Transpose();
    }
}
