using System.Collections.Concurrent;
using System.Numerics;
using System.Numerics.Tensors;

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
    // Row i: cos of bins 1..usable-1, then sin of the same bins, so one dot product with [Re, -Im] is sample i.
    private readonly double[] _basis;
    private readonly double[] _spectrum;
    private readonly double[] _resampled;
    private readonly double[] _autocorrelation;
    private readonly double[] _lpc;
    private readonly double[] _scratch;
    private readonly double[] _polynomial;
    private readonly PolynomialRoots _roots;
    private readonly double[] _rootReal, _rootImaginary;
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
        var width = 2 * (_usableBins - 1);
        _basis = Bases.GetOrAdd((_outputLength, _usableBins, period, padding, fftLength), BuildBasis);
        _spectrum = new double[width];
        _resampled = new double[_outputLength];
        _autocorrelation = new double[_order + 1];
        _lpc = new double[_order + 1];
        _scratch = new double[_order + 1];
        _polynomial = new double[_order + 1];
        _roots = new PolynomialRoots(_order);
        _rootReal = new double[_order];
        _rootImaginary = new double[_order];
    }

    // The resampling basis is ~100 k cosines and sines: built once per frame geometry and shared (read-only)
    // instead of per utterance, where it cost more trigonometry than all of the utterance's frames.
    private static readonly ConcurrentDictionary<(int Output, int Usable, double Period, int Padding, int FftLength), double[]> Bases = new();

    private static double[] BuildBasis((int Output, int Usable, double Period, int Padding, int FftLength) key)
    {
        var width = 2 * (key.Usable - 1);
        var basis = new double[key.Output * width];
        for (var i = 0; i < key.Output; i++)
            for (var k = 1; k < key.Usable; k++)
            {
                var phase = 2 * Math.PI * k * ((double)i / key.Period - (double)key.Padding / key.FftLength);
                basis[i * width + k - 1] = Math.Cos(phase);
                basis[i * width + key.Usable - 1 + k - 1] = Math.Sin(phase);
            }
        return basis;
    }

    /// <summary>Writes F1-F3 frequency and bandwidth (Hz) into frequencies/bandwidths; 0 where none was found.</summary>
    /// <param name="times">When given, the resampling is timed (from <paramref name="stamp"/> on, which moves to its end).</param>
    public void Analyse(double[] real, double[] imaginary, Span<double> frequencies, Span<double> bandwidths,
        EgemapsStageTimes? times, ref long stamp)
    {
        frequencies.Clear();
        bandwidths.Clear();
        // openSMILE adds DC once and every other bin once (no factor 2); the sign of the sine term follows from
        // its FFT storing the negated imaginary part.
        var bins = _usableBins - 1;
        real.AsSpan(1, bins).CopyTo(_spectrum);
        TensorPrimitives.Negate(imaginary.AsSpan(1, bins), _spectrum.AsSpan(bins));
        for (var i = 0; i < _outputLength; i++)
            _resampled[i] = real[0] + TensorPrimitives.Dot(_spectrum, _basis.AsSpan(i * _spectrum.Length, _spectrum.Length));
        times?.Lap(EgemapsStage.FormantResampling, ref stamp);
        for (var lag = 0; lag <= _order; lag++)
            _autocorrelation[lag] = TensorPrimitives.Dot(_resampled.AsSpan(0, _outputLength - lag), _resampled.AsSpan(lag, _outputLength - lag));
        if (_autocorrelation[0] <= 0 || !LevinsonDurbin()) return;

        // openSMILE builds the polynomial as z^p - a1 z^(p-1) - ... - ap from predictor coefficients whose
        // sign convention is the opposite of A(z) = 1 + sum a_k z^-k; its formants (and their broad bandwidths)
        // come from those roots, so we do the same. Ascending powers.
        for (var i = 0; i < _order; i++) _polynomial[i] = -_lpc[_order - i];
        _polynomial[_order] = 1.0;
        if (!_roots.Solve(_polynomial, _rootReal, _rootImaginary)) return;

        _found.Clear();
        for (var i = 0; i < _order; i++)
        {
            var original = new Complex(_rootReal[i], _rootImaginary[i]);
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
