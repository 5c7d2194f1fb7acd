namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// openSMILE's cHarmonics on the 60 ms Gaussian magnitude spectrum: HNR from the autocorrelation (inverse FFT of the
/// power spectrum) at the peak nearest the pitch period, harmonic peaks near multiples of F0, H1-H2 and H1-A3 in dB
/// and the F1-F3 amplitudes (strongest harmonic within +-20% of the formant) relative to H1.
/// </summary>
internal sealed class HarmonicAnalyzer
{
    /// <summary>openSMILE's value for undefined log-relative amplitudes.</summary>
    public const double Undefined = -201.0;
    private const int HarmonicCount = 100;

    private readonly int _bins;
    private readonly double _binHz;
    private readonly int _sampleRate;
    private readonly RealFft _fft;
    private readonly double[] _power;
    private readonly double[] _acfRe, _acfIm;
    private readonly double[] _acf;
    private readonly int[] _harmonicBin = new int[HarmonicCount];
    private readonly double[] _harmonicMagnitude = new double[HarmonicCount];
    private readonly double[] _harmonicFrequency = new double[HarmonicCount];
    private readonly double[] _harmonicLogRel = new double[HarmonicCount];

    public HarmonicAnalyzer(int bins, double binHz, int sampleRate)
    {
        _bins = bins;
        _binHz = binHz;
        _sampleRate = sampleRate;
        _fft = new RealFft((bins - 1) * 2);
        _power = new double[(bins - 1) * 2];
        _acfRe = new double[bins];
        _acfIm = new double[bins];
        _acf = new double[bins];
    }

    public double HarmonicsToNoiseDb(ReadOnlySpan<double> magnitude, double f0)
    {
        if (f0 <= 0) return 0.0;
        // The power spectrum is real and even, so its inverse DFT equals its forward DFT (up to a scale that
        // cancels in the HNR ratio).
        var n = (_bins - 1) * 2;
        for (var k = 0; k < _bins; k++) _power[k] = magnitude[k] * magnitude[k];
        for (var k = _bins; k < n; k++) _power[k] = _power[n - k];
        _fft.Forward(_power, _acfRe, _acfIm);
        for (var i = 0; i < _bins; i++) _acf[i] = Math.Abs(_acfRe[i]);
        var lag = (int)Math.Floor(_sampleRate / f0);
        if (lag <= 0) return 0.0;
        lag = ClosestPeak(_acf, Math.Min(lag, _bins - 1));
        if (lag <= 0) return 0.0;
        var noise = _acf[0] - _acf[lag];
        var ratio = noise == 0 ? 1e11 : _acf[lag] / noise;
        ratio = Math.Clamp(ratio, 1e-9, 1e11);
        return 10.0 * Math.Log10(ratio);
    }

    /// <summary>H1-H2, H1-A3 and the three formant amplitudes (dB re H1) of a voiced frame.</summary>
    public void Harmonics(ReadOnlySpan<double> magnitude, double f0, ReadOnlySpan<double> formantHz, Span<double> output)
    {
        if (f0 <= 0)
        {
            output[0] = 0; output[1] = 0;
            output[2] = Undefined; output[3] = Undefined; output[4] = Undefined;
            return;
        }
        FindHarmonicPeaks(magnitude, f0);
        var h1 = _harmonicMagnitude[0];
        var logH1 = h1 > 0 ? Math.Log10(h1) : 0;
        _harmonicLogRel[0] = 0;
        for (var i = 1; i < HarmonicCount; i++)
        {
            if (h1 == 0) _harmonicLogRel[i] = Undefined;
            else
            {
                var m = _interpolatedMagnitude[i];
                _harmonicLogRel[i] = m > 0 ? Math.Max(20.0 * (Math.Log10(m) - logH1), -200.0) : -200.0;
            }
            if (_harmonicBin[i] == _harmonicBin[i - 1])
            {
                _harmonicBin[i] = 0; _harmonicFrequency[i] = 0; _harmonicMagnitude[i] = 0;
                _interpolatedMagnitude[i] = 0; _harmonicLogRel[i] = Undefined;
            }
        }

        // openSMILE parses "H1" and "H2" as harmonic indices 1 and 2 of its zero-based list (the 2nd and 3rd
        // harmonic); its published values follow that, so we do too.
        output[0] = Math.Clamp(_harmonicLogRel[1] - _harmonicLogRel[2], -201.0, 201.0);
        var a3 = FormantHarmonic(formantHz[2]);
        output[1] = a3 >= 0
            ? Math.Clamp(_harmonicLogRel[1] - _harmonicLogRel[a3], -201.0, 201.0)
            : Math.Clamp(_harmonicLogRel[1] - 201.0, -201.0, 201.0);
        for (var f = 0; f < 3; f++)
        {
            var index = FormantHarmonic(formantHz[f]);
            output[2 + f] = index >= 0 ? _harmonicLogRel[index] : 0.0;
        }
    }

    private readonly double[] _interpolatedMagnitude = new double[HarmonicCount];

    private int FormantHarmonic(double formantHz)
    {
        var left = 0.8 * formantHz;
        var right = 1.2 * formantHz;
        var best = -1;
        var bestMagnitude = 0.0;
        for (var h = 0; h < HarmonicCount; h++)
        {
            var f = _harmonicFrequency[h];
            if (f >= left && f <= right && _harmonicMagnitude[h] > bestMagnitude)
            {
                best = h;
                bestMagnitude = _harmonicMagnitude[h];
            }
        }
        return best;
    }

    private void FindHarmonicPeaks(ReadOnlySpan<double> magnitude, double f0)
    {
        var lastBin = FrequencyToBin(0.5 * f0, 1);
        var firstBin = FrequencyToBin(0.5 * f0, lastBin);
        for (var i = 0; i < HarmonicCount; i++)
        {
            var candidate = FrequencyToBin((i + 1) * f0, lastBin);
            var peak = -1;
            if (IsPeak(magnitude, candidate)) peak = candidate;
            else
            {
                var left = candidate - 1;
                var right = candidate + 1;
                var lower = FrequencyToBin((i + 0.5) * f0, lastBin);
                var upper = FrequencyToBin((i + 1.5) * f0, candidate);
                while ((left >= lower || right <= upper) && peak == -1)
                {
                    if (right <= upper)
                    {
                        if (IsPeak(magnitude, right)) { peak = right; break; }
                        right++;
                    }
                    if (left >= lower)
                    {
                        if (IsPeak(magnitude, left)) { peak = left; break; }
                        left--;
                    }
                }
            }
            if (peak >= firstBin && peak >= 1 && peak < _bins - 1)
            {
                _harmonicBin[i] = peak;
                _harmonicMagnitude[i] = magnitude[peak];
                var (x, y) = Parabola.Vertex((peak - 1) * _binHz, magnitude[peak - 1], peak * _binHz, magnitude[peak],
                    (peak + 1) * _binHz, magnitude[peak + 1]);
                _harmonicFrequency[i] = x;
                _interpolatedMagnitude[i] = y;
            }
            else
            {
                _harmonicBin[i] = candidate;
                _harmonicMagnitude[i] = 0; _harmonicFrequency[i] = 0; _interpolatedMagnitude[i] = 0;
            }
            lastBin = candidate;
        }
    }

    /// <summary>
    /// Nearest bin to a frequency searching upward from startBin; 0 past the last bin (as openSMILE). openSMILE
    /// scans bin by bin; past Nyquist every later harmonic scans the whole spectrum again, which made this the
    /// costliest step of the harmonics pass, so the first bin above hz is computed and then checked against the
    /// same products the scan compares.
    /// </summary>
    private int FrequencyToBin(double hz, int startBin)
    {
        var start = Math.Max(startBin, 1);
        if (start >= _bins) return 0;
        // b: the smallest bin with b * binHz > hz (the division may be off by one either way in rounding).
        var estimate = hz / _binHz;
        var b = estimate >= _bins ? _bins : Math.Max((int)Math.Floor(estimate) + 1, 0);
        while (b > 0 && (b - 1) * _binHz > hz) b--;
        while (b < _bins && b * _binHz <= hz) b++;
        b = Math.Max(b, start);
        if (b >= _bins) return 0;
        return b * _binHz - hz > hz - (b - 1) * _binHz ? b - 1 : b;
    }

    private bool IsPeak(ReadOnlySpan<double> x, int n)
    {
        if (n >= _bins || n < 0) return false;
        if (n + 1 < _bins) return n > 0 ? x[n] > x[n - 1] && x[n] > x[n + 1] : x[0] > x[1];
        return n > 0 && x[n] > x[n - 1];
    }

    private static int ClosestPeak(double[] x, int index)
    {
        var n = x.Length;
        bool Peak(int i) => i > 0 && i < n - 1 ? x[i] > x[i - 1] && x[i] > x[i + 1] : i == 0 ? x[0] > x[1] : x[i] > x[i - 1];
        if (Peak(index)) return index;
        for (var o = 1; index - o > 0 || index + o < n - 1; o++)
        {
            if (index - o > 0 && Peak(index - o)) return index - o;
            if (index + o < n - 1 && Peak(index + o)) return index + o;
        }
        return index;
    }
}
