using PairwiseCL.Core.Views.Egemaps;

namespace PairwiseCL.Core.Tests.Views;

public sealed class RealFftTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(512)]
    [InlineData(1024)]
    public void MatchesTheDiscreteFourierTransformOfARealSequence(int n)
    {
        var random = new Random(n);
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var real = new double[n / 2 + 1];
        var imaginary = new double[n / 2 + 1];

        new RealFft(n).Forward(x, real, imaginary);

        // The O(n^2) definition, summed in float64; an FFT's error grows like log2(n) u times the norm.
        var norm = Math.Sqrt(x.Sum(v => v * v) * n);
        for (var k = 0; k <= n / 2; k++)
        {
            double re = 0, im = 0;
            for (var t = 0; t < n; t++)
            {
                var phase = -2 * Math.PI * ((long)k * t % n) / n;
                re += x[t] * Math.Cos(phase);
                im += x[t] * Math.Sin(phase);
            }
            Assert.True(Math.Abs(real[k] - re) < 1e-12 * norm, $"bin {k}: real {real[k]} vs {re}");
            Assert.True(Math.Abs(imaginary[k] - im) < 1e-12 * norm, $"bin {k}: imaginary {imaginary[k]} vs {im}");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(1024)]
    public void TheComplexFftMatchesTheDiscreteFourierTransform(int n)
    {
        // Sizes below 8 run scalar stages only, larger ones the four-wide stages too.
        var random = new Random(n + 1);
        var re = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var im = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var outRe = (double[])re.Clone();
        var outIm = (double[])im.Clone();

        new Radix2Fft(n).Forward(outRe, outIm);

        var norm = Math.Sqrt(re.Sum(v => v * v) + im.Sum(v => v * v)) * Math.Sqrt(n);
        for (var k = 0; k < n; k++)
        {
            double sr = 0, si = 0;
            for (var t = 0; t < n; t++)
            {
                var phase = -2 * Math.PI * ((long)k * t % n) / n;
                var (c, s) = (Math.Cos(phase), Math.Sin(phase));
                sr += re[t] * c - im[t] * s;
                si += re[t] * s + im[t] * c;
            }
            Assert.True(Math.Abs(outRe[k] - sr) < 1e-12 * norm, $"bin {k}: real {outRe[k]} vs {sr}");
            Assert.True(Math.Abs(outIm[k] - si) < 1e-12 * norm, $"bin {k}: imaginary {outIm[k]} vs {si}");
        }
    }
}
