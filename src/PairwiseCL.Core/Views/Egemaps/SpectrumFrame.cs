namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// Windowed, zero-padded (to the next power of two, like openSMILE's cTransformFFT) real FFT of one frame.
/// Holds its buffers so one instance serves every frame of an utterance without allocating.
/// </summary>
internal sealed class SpectrumFrame
{
    private readonly double[] _window;
    private readonly Radix2Fft _fft;
    private readonly double[] _re, _im;

    public SpectrumFrame(double[] window)
    {
        _window = window;
        FrameLength = window.Length;
        FftLength = NextPowerOfTwo(FrameLength);
        _fft = new Radix2Fft(FftLength);
        _re = new double[FftLength];
        _im = new double[FftLength];
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
    public void Analyse(float[] samples, int start)
    {
        Array.Clear(_re);
        Array.Clear(_im);
        for (var i = 0; i < FrameLength; i++)
        {
            var index = start + i;
            var x = index < samples.Length ? samples[index] * _window[i] : 0.0;
            Windowed[i] = x;
            _re[i] = x;
        }
        _fft.Forward(_re, _im);
        for (var k = 0; k < Magnitude.Length; k++)
        {
            var re = _re[k];
            var im = _im[k];
            Real[k] = re;
            Imaginary[k] = im;
            Magnitude[k] = Math.Sqrt(re * re + im * im);
        }
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
