using PairwiseCL.Core.Audio;

namespace PairwiseCL.Core.Tests.Audio;

public sealed class ResamplerTests
{
    [Theory]
    [InlineData(44100, 9000)]
    [InlineData(44100, 8200)]
    [InlineData(44100, 12000)]
    [InlineData(44100, 20000)]
    [InlineData(48000, 8500)]
    [InlineData(44111, 9000)] // an odd rate: the interpolated polyphase table
    public void SuppressesToneAboveTheNewNyquistByAtLeast60Db(int fromRate, double frequency)
    {
        var input = Tone(frequency, fromRate, 1.0);

        var output = Resampler.Resample(input, fromRate, 16000);

        var attenuationDb = 20 * Math.Log10(Rms(Middle(output)) / Rms(input));
        Assert.True(attenuationDb <= -60, $"{frequency} Hz at {fromRate} Hz is only {attenuationDb:F1} dB down");
    }

    [Theory]
    [InlineData(44100, 1000)]
    [InlineData(44100, 7000)]
    [InlineData(48000, 1000)]
    [InlineData(8000, 1000)]
    [InlineData(8000, 3500)]
    [InlineData(22050, 440)]
    [InlineData(44111, 1000)]
    public void KeepsAPassBandToneWithin01DbAndInPhase(int fromRate, double frequency)
    {
        var input = Tone(frequency, fromRate, 1.0);

        var output = Resampler.Resample(input, fromRate, 16000);

        // Reference: the same continuous sine sampled directly at 16 kHz (no delay allowed).
        var expected = Tone(frequency, 16000, 1.0);
        var (amplitude, phaseError) = FitSine(Middle(output), frequency, 16000, Middle(expected).Length, Middle(expected));
        Assert.InRange(20 * Math.Log10(amplitude / 0.5), -0.1, 0.1);
        Assert.InRange(phaseError, -0.01, 0.01);
    }

    [Theory]
    [InlineData(16000, 44100)]
    [InlineData(16000, 48000)]
    [InlineData(8000, 16000)]
    public void UpsamplingLeavesNoSpectralImages(int fromRate, int toRate)
    {
        var input = Tone(1000, fromRate, 1.0);

        var output = Middle(Resampler.Resample(input, fromRate, toRate));

        // Whatever is not the 1 kHz tone (images at fromRate -/+ 1 kHz, ripple) must be 60 dB down.
        var expected = Middle(Tone(1000, toRate, 1.0));
        var residual = output.Zip(expected, (got, want) => got - want).ToArray();
        Assert.True(20 * Math.Log10(Rms(residual) / Rms(expected)) <= -60);
    }

    [Theory]
    [InlineData(44100, 16000, 44100, 16000)]
    [InlineData(48000, 16000, 48000, 16000)]
    [InlineData(8000, 16000, 8000, 16000)]
    [InlineData(8000, 16000, 7999, 15998)]
    [InlineData(44100, 16000, 100, 37)] // ceil(100 * 160 / 441)
    public void ProducesCeilOfLengthTimesRateRatio(int fromRate, int toRate, int inputLength, int outputLength)
    {
        Assert.Equal(outputLength, Resampler.Resample(new float[inputLength], fromRate, toRate).Length);
    }

    [Fact]
    public void SameRateIsAnIdentityCopy()
    {
        var input = Tone(1234, 16000, 0.1);

        var output = Resampler.Resample(input, 16000, 16000);

        Assert.Equal(input, output);
        Assert.NotSame(input, output);
    }

    [Fact]
    public void KeepsDcLevelAndSilence()
    {
        var dc = Enumerable.Repeat(0.25f, 44100).ToArray();

        var output = Middle(Resampler.Resample(dc, 44100, 16000));

        Assert.All(output, v => Assert.Equal(0.25f, v, 4));
        Assert.All(Resampler.Resample(new float[1000], 44100, 16000), v => Assert.Equal(0f, v));
        Assert.Empty(Resampler.Resample([], 44100, 16000));
    }

    [Fact]
    public void RejectsNonPositiveRates()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.Resample(new float[10], 0, 16000));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.Resample(new float[10], 16000, -1));
    }

    private static float[] Tone(double frequency, int rate, double seconds) =>
        TestWav.Tone(frequency, rate, seconds).Select(v => (float)v).ToArray();

    /// <summary>Drops the first and last 10%: the filter's edges see the zero padding, not the tone.</summary>
    private static float[] Middle(float[] x) => x[(x.Length / 10)..(x.Length - x.Length / 10)];

    private static double Rms(float[] x) => Math.Sqrt(x.Average(v => (double)v * v));

    /// <summary>Least-squares amplitude of the tone, and the largest deviation from the reference.</summary>
    private static (double Amplitude, double MaxError) FitSine(float[] x, double frequency, int rate, int length, float[] reference)
    {
        double ss = 0, sc = 0, cc = 0, xs = 0, xc = 0;
        for (var n = 0; n < length; n++)
        {
            double s = Math.Sin(2 * Math.PI * frequency * n / rate), c = Math.Cos(2 * Math.PI * frequency * n / rate);
            ss += s * s; sc += s * c; cc += c * c; xs += x[n] * s; xc += x[n] * c;
        }
        var det = ss * cc - sc * sc;
        var a = (xs * cc - xc * sc) / det;
        var b = (xc * ss - xs * sc) / det;
        var maxError = x.Zip(reference, (got, want) => (double)got - want).MaxBy(Math.Abs);
        return (Math.Sqrt(a * a + b * b), maxError);
    }
}
