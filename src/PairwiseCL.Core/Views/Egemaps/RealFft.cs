namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// FFT of a real sequence of even power-of-two length N through one complex FFT of length N/2 (the even samples
/// as real parts, the odd ones as imaginary parts, then one butterfly pass to separate them): half the work of
/// a complex FFT with a zero imaginary part, and the same spectrum to rounding. Returns bins 0..N/2.
/// </summary>
internal sealed class RealFft
{
    private readonly int _n;
    private readonly Radix2Fft _half;
    private readonly double[] _re, _im;
    private readonly double[] _cos, _sin;

    public RealFft(int n)
    {
        if (n < 4 || (n & (n - 1)) != 0) throw new ArgumentException($"Real FFT length must be a power of two >= 4, got {n}.", nameof(n));
        _n = n;
        _half = new Radix2Fft(n / 2);
        _re = new double[n / 2];
        _im = new double[n / 2];
        _cos = new double[n / 2 + 1];
        _sin = new double[n / 2 + 1];
        for (var k = 0; k <= n / 2; k++)
        {
            _cos[k] = Math.Cos(2 * Math.PI * k / n);
            _sin[k] = -Math.Sin(2 * Math.PI * k / n);
        }
    }

    public int Length => _n;

    /// <summary>
    /// Spectrum X[k] = sum_t x[t] e^{-2 pi i k t / N} of <paramref name="input"/> (length N; the caller zero-pads)
    /// into <paramref name="real"/> and <paramref name="imaginary"/>, k = 0..N/2.
    /// </summary>
    public void Forward(ReadOnlySpan<double> input, Span<double> real, Span<double> imaginary)
    {
        var half = _n / 2;
        for (var t = 0; t < half; t++)
        {
            _re[t] = input[2 * t];
            _im[t] = input[2 * t + 1];
        }
        _half.Forward(_re, _im);
        // Z = FFT(z): even part E[k] = (Z[k] + conj Z[h-k]) / 2, odd part O[k] = (Z[k] - conj Z[h-k]) / (2i),
        // X[k] = E[k] + W^k O[k] with W = e^{-2 pi i / N}.
        for (var k = 0; k <= half; k++)
        {
            // a = k mod h, b = (h - k) mod h, without the integer divisions (they cost as much as the FFT here).
            var a = k == half ? 0 : k;
            var b = k == 0 ? 0 : half - k;
            var zr = _re[a];
            var zi = _im[a];
            var cr = _re[b];
            var ci = -_im[b];
            var er = 0.5 * (zr + cr);
            var ei = 0.5 * (zi + ci);
            var or = 0.5 * (zi - ci);
            var oi = -0.5 * (zr - cr);
            real[k] = er + _cos[k] * or - _sin[k] * oi;
            imaginary[k] = ei + _cos[k] * oi + _sin[k] * or;
        }
    }
}
