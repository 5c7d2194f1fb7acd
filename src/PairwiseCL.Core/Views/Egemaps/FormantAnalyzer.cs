using System.Numerics;
using MathNet.Numerics;

namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// Formants as openSMILE's cSpecResample + cLpc + cFormantLpc. The resampler is an inverse DFT of the 20 ms
/// Hamming spectrum onto the 11 kHz grid that keeps only as many bins as output samples (antialiasing: with a
/// 512-point FFT and 220 output samples, bins below ~3.4 kHz) and writes the first 220 samples of the zero-padded
/// FFT buffer, in which openSMILE centres the frame; the
/// autocorrelation of those gives the order-11 predictor (Levinson-Durbin); the roots of the predictor
/// polynomial in the upper half plane give frequencies (angle) and bandwidths (-ln|z| fs / pi), sorted, and
/// the lowest three within 50-5450 Hz are F1, F2, F3 (openSMILE keeps the first five candidates in solver order
/// before sorting, but an order-11 polynomial has at most five, so that cap never binds).
/// </summary>
internal sealed class FormantAnalyzer
{
    private readonly int _order;
    private readonly double _targetRate;
    private readonly double _minHz, _maxHz;
    private readonly int _usableBins;
    private readonly int _outputLength;
    private readonly double[] _cosines, _sines;
    private readonly double[] _resampled;
    private readonly double[] _autocorrelation;
    private readonly double[] _lpc;
    private readonly double[] _scratch;
    private readonly double[] _polynomial;
    private readonly List<(double Frequency, double Bandwidth)> _found = new(16);

    public FormantAnalyzer(EgemapsConfiguration config, int bins, double binHz, int frameLength, int sampleRate)
    {
        _order = config.LpcOrder;
        _targetRate = config.LpcSampleRate;
        _minHz = config.FormantMinHz;
        _maxHz = config.FormantMaxHz;
        var fftLength = (bins - 1) * 2;
        var ratio = _targetRate / sampleRate;
        _outputLength = (int)Math.Round(fftLength * ratio * frameLength / fftLength);
        var period = fftLength * ratio;
        var kMax = Math.Min(fftLength, _outputLength) & ~1;
        _usableBins = kMax / 2;
        // openSMILE's cTransformFFT centres the frame in its zero padding (zeroPadSymmetric=1, the default since
        // 2.3): magnitudes are unchanged, but the resampler reads phase, so its 220 output samples are the first
        // 220 of the 352-sample period, i.e. 66 zeros and then only the first ~70% of the frame. Our FFT pads at
        // the end, so delay the frame by the same padding here.
        var padding = (fftLength - frameLength) / 2;
        _cosines = new double[_outputLength * _usableBins];
        _sines = new double[_outputLength * _usableBins];
        for (var i = 0; i < _outputLength; i++)
            for (var k = 1; k < _usableBins; k++)
            {
                var phase = 2 * Math.PI * k * ((double)i / period - (double)padding / fftLength);
                _cosines[i * _usableBins + k] = Math.Cos(phase);
                _sines[i * _usableBins + k] = Math.Sin(phase);
            }
        _resampled = new double[_outputLength];
        _autocorrelation = new double[_order + 1];
        _lpc = new double[_order + 1];
        _scratch = new double[_order + 1];
        _polynomial = new double[_order + 1];
    }

    /// <summary>Writes F1-F3 frequency and bandwidth (Hz) into frequencies/bandwidths; 0 where none was found.</summary>
    public void Analyse(double[] real, double[] imaginary, Span<double> frequencies, Span<double> bandwidths)
    {
        frequencies.Clear();
        bandwidths.Clear();
        // openSMILE adds DC once and every other bin once (no factor 2); the sign of the sine term follows from
        // its FFT storing the negated imaginary part.
        for (var i = 0; i < _outputLength; i++)
        {
            var x = real[0];
            var row = i * _usableBins;
            for (var k = 1; k < _usableBins; k++)
                x += real[k] * _cosines[row + k] - imaginary[k] * _sines[row + k];
            _resampled[i] = x;
        }
        for (var lag = 0; lag <= _order; lag++)
        {
            double sum = 0;
            for (var i = 0; i + lag < _outputLength; i++) sum += _resampled[i] * _resampled[i + lag];
            _autocorrelation[lag] = sum;
        }
        if (_autocorrelation[0] <= 0 || !LevinsonDurbin()) return;

        // openSMILE builds the polynomial as z^p - a1 z^(p-1) - ... - ap from predictor coefficients whose
        // sign convention is the opposite of A(z) = 1 + sum a_k z^-k; its formants (and their broad bandwidths)
        // come from those roots, so we do the same. Ascending powers for MathNet.
        for (var i = 0; i < _order; i++) _polynomial[i] = -_lpc[_order - i];
        _polynomial[_order] = 1.0;
        Complex[] roots;
        try
        {
            roots = FindRoots.Polynomial(_polynomial);
        }
        catch (Exception ex) when (ex is ArithmeticException or ArgumentException or NonConvergenceException)
        {
            return;
        }

        _found.Clear();
        foreach (var original in roots)
        {
            // Roots outside the unit circle are reflected inside (1 / conj(z)), as smileMath_complexIntoUnitCircle.
            var root = original.Magnitude > 1.0 ? 1.0 / Complex.Conjugate(original) : original;
            if (root.Imaginary < 0) continue;
            var frequency = Math.Abs(Math.Atan2(root.Imaginary, root.Real)) * _targetRate / (2 * Math.PI);
            if (frequency < _minHz || frequency > _maxHz) continue;
            var bandwidth = -Math.Log(root.Magnitude) * _targetRate / Math.PI;
            _found.Add((frequency, bandwidth));
        }
        _found.Sort((a, b) => a.Frequency.CompareTo(b.Frequency));
        for (var i = 0; i < Math.Min(3, _found.Count); i++)
        {
            frequencies[i] = _found[i].Frequency;
            bandwidths[i] = _found[i].Bandwidth;
        }
    }

    private bool LevinsonDurbin()
    {
        var r = _autocorrelation;
        var a = _lpc;
        Array.Clear(a);
        a[0] = 1;
        var error = r[0];
        for (var i = 1; i <= _order; i++)
        {
            var acc = r[i];
            for (var j = 1; j < i; j++) acc += a[j] * r[i - j];
            var k = -acc / error;
            Array.Copy(a, _scratch, i);
            for (var j = 1; j < i; j++) a[j] = _scratch[j] + k * _scratch[i - j];
            a[i] = k;
            error *= 1 - k * k;
            if (error <= 0) return false;
        }
        return true;
    }
}
