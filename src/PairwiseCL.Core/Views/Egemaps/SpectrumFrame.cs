using System.Numerics.Tensors;

namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// Windowed, zero-padded (to the next power of two, like openSMILE's cTransformFFT) real FFT of one frame.
/// Holds its buffers so one instance serves every frame of an utterance without allocating.
/// <see cref="Analyse"/> writes the spectrum into the properties; <see cref="AnalyseInto"/> into the caller's
/// magnitude row (the 60 ms pitch spectra are kept per frame for the harmonics pass).
/// </summary>
internal sealed class SpectrumFrame
{
    private readonly double[] _window;
    private readonly RealFft _fft;
    private readonly double[] _padded;

    public SpectrumFrame(double[] window)
    {
        _window = window;
        FrameLength = window.Length;
        FftLength = NextPowerOfTwo(FrameLength);
        _fft = new RealFft(FftLength);
        _padded = new double[FftLength];
        Windowed = new double[FrameLength];
        Magnitude = new double[FftLength / 2 + 1];
        Real = new double[FftLength / 2 + 1];
        Imaginary = new double[FftLength / 2 + 1];
    }

    public int FrameLength { get; }
    public int FftLength { get; }
    public double[] Windowed { get; }
    public double[] Magnitude { get; }
    public double[] Real { get; }
    public double[] Imaginary { get; }

    public double BinHz(int sampleRate) => (double)sampleRate / FftLength;

    /// <summary>Windows samples[start..start+FrameLength) (zeros past the end) and computes the spectrum.</summary>
    public void Analyse(float[] samples, int start) => AnalyseInto(samples, start, Magnitude);

    /// <summary>As <see cref="Analyse"/>, with the magnitudes written to <paramref name="magnitude"/> (bins long).</summary>
    public void AnalyseInto(float[] samples, int start, Span<double> magnitude)
    {
        // Zeros past the frame (the FFT padding) stay zero from construction on.
        var available = Math.Clamp(samples.Length - start, 0, FrameLength);
        for (var i = 0; i < available; i++)
            _padded[i] = samples[start + i] * _window[i];
        Array.Clear(_padded, available, FrameLength - available);
        _padded.AsSpan(0, FrameLength).CopyTo(Windowed);
        _fft.Forward(_padded, Real, Imaginary);
        // |X| = sqrt(re^2 + im^2), vectorised; each product rounded as in the scalar expression (no fused multiply-add).
        TensorPrimitives.Multiply(Real, Real, magnitude);
        TensorPrimitives.MultiplyAdd(Imaginary, Imaginary, magnitude, magnitude);
        TensorPrimitives.Sqrt(magnitude, magnitude);
    }

    public static int NextPowerOfTwo(int n)
    {
        var p = 1;
        while (p < n) p <<= 1;
        return p;
    }

    /// <summary>openSMILE's Gaussian window: exp(-0.5 ((i - (N-1)/2) / (sigma (N-1)/2))^2).</summary>
    public static double[] Gaussian(int length, double sigma)
    {
        var w = new double[length];
        var half = (length - 1) / 2.0;
        for (var i = 0; i < length; i++)
        {
            var x = (i - half) / (sigma * half);
            w[i] = Math.Exp(-0.5 * x * x);
        }
        return w;
    }

    public static double[] Hamming(int length)
    {
        var w = new double[length];
        for (var i = 0; i < length; i++)
            w[i] = 0.54 - 0.46 * Math.Cos(2 * Math.PI * i / (length - 1));
        return w;
    }
}
