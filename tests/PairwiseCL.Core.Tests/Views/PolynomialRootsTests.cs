using System.Numerics;
using PairwiseCL.Core.Views.Egemaps;

namespace PairwiseCL.Core.Tests.Views;

public sealed class PolynomialRootsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(11)]
    public void FindsTheRootsAPolynomialWasBuiltFrom(int degree)
    {
        // Known roots: conjugate pairs inside the unit circle (as LPC predictors have) and, for odd degrees, one real root.
        var random = new Random(degree);
        var roots = new List<Complex>();
        while (roots.Count + 2 <= degree)
        {
            var z = Complex.FromPolarCoordinates(0.3 + 0.65 * random.NextDouble(), 0.1 + 2.9 * random.NextDouble());
            roots.Add(z);
            roots.Add(Complex.Conjugate(z));
        }
        if (roots.Count < degree) roots.Add(new Complex(random.NextDouble() * 1.6 - 0.8, 0));
        var coefficients = Expand(roots);

        var (real, imaginary) = Solve(coefficients);

        foreach (var expected in roots)
        {
            var nearest = Enumerable.Range(0, degree).Min(i => Complex.Abs(new Complex(real[i], imaginary[i]) - expected));
            Assert.True(nearest < 1e-9, $"root {expected} not found (nearest at {nearest})");
        }
    }

    [Fact]
    public void AgreesWithMathNetOnRandomOrder11Predictors()
    {
        // MathNet solves the same companion eigenproblem with a general eigensolver: an independent implementation.
        var random = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            var coefficients = Enumerable.Range(0, 12).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            coefficients[11] = 1.0;
            var (real, imaginary) = Solve(coefficients);
            var expected = MathNet.Numerics.FindRoots.Polynomial(coefficients);
            var scale = expected.Max(z => Math.Max(1.0, z.Magnitude));
            foreach (var z in expected)
            {
                var nearest = Enumerable.Range(0, 11).Min(i => Complex.Abs(new Complex(real[i], imaginary[i]) - z));
                Assert.True(nearest < 1e-8 * scale, $"trial {trial}: root {z} not found (nearest at {nearest})");
            }
        }
    }

    [Fact]
    public void ALeadingZeroIsAClearError() =>
        Assert.Throws<ArgumentException>(() => new PolynomialRoots(2).Solve([1.0, 2.0, 0.0], new double[2], new double[2]));

    private static (double[] Real, double[] Imaginary) Solve(double[] coefficients)
    {
        var degree = coefficients.Length - 1;
        var real = new double[degree];
        var imaginary = new double[degree];
        Assert.True(new PolynomialRoots(degree).Solve(coefficients, real, imaginary));
        return (real, imaginary);
    }

    private static double[] Expand(IReadOnlyList<Complex> roots)
    {
        // prod (x - r), ascending powers.
        var c = new Complex[roots.Count + 1];
        c[0] = Complex.One;
        for (var k = 0; k < roots.Count; k++)
        {
            for (var i = k + 1; i > 0; i--) c[i] = c[i - 1] - roots[k] * c[i];
            c[0] = -roots[k] * c[0];
        }
        return c.Select(v => v.Real).ToArray();
    }
}
