namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// openSMILE's cSpecScale as eGeMAPS configures it: peak enhancement and 1-2-1 smoothing of the linear magnitude
/// spectrum, natural cubic spline onto an octave (log2) axis from 25 Hz to Nyquist with as many points as input
/// bins, then an arctangent auditory weighting that attenuates the lowest frequencies.
/// </summary>
internal sealed class OctaveSpectrumScaler
{
    private readonly int _n;
    private readonly double[] _sourceAxis;
    private readonly double[] _sigma, _diff1, _diff2;
    private readonly int[] _lower;
    private readonly double[] _a, _c, _d;
    private readonly double[] _weights;
    private readonly double[] _y, _y2, _u;
    private readonly double[] _pivot, _upper;

    public OctaveSpectrumScaler(int bins, double binHz, double minHz)
    {
        _n = bins;
        var maxHz = binHz * (bins - 1);
        MinOctave = Math.Log2(minHz);
        var maxOctave = Math.Log2(maxHz);
        OctaveStep = (maxOctave - MinOctave) / (bins - 1);
        var octaves = Math.Log2(maxHz / minHz);
        PointsPerOctave = bins / octaves;

        _sourceAxis = new double[bins];
        for (var i = 1; i < bins; i++) _sourceAxis[i] = Math.Log2(i * binHz);
        _sourceAxis[0] = 2 * _sourceAxis[1] - _sourceAxis[2];

        _sigma = new double[bins]; _diff1 = new double[bins]; _diff2 = new double[bins];
        for (var i = 1; i < bins - 1; i++)
        {
            var x = _sourceAxis;
            _sigma[i] = (x[i] - x[i - 1]) / (x[i + 1] - x[i - 1]);
            _diff1[i] = (x[i + 1] - x[i]) * (x[i + 1] - x[i - 1]);
            _diff2[i] = (x[i] - x[i - 1]) * (x[i + 1] - x[i - 1]);
        }

        _lower = new int[bins]; _a = new double[bins]; _c = new double[bins]; _d = new double[bins];
        var upper = 1;
        for (var i = 0; i < bins; i++)
        {
            var target = MinOctave + i * OctaveStep;
            while (upper < bins - 1 && _sourceAxis[upper] < target) upper++;
            var lower = upper - 1;
            var range = _sourceAxis[upper] - _sourceAxis[lower];
            var a = (_sourceAxis[upper] - target) / range;
            var b = 1 - a;
            _lower[i] = lower;
            _a[i] = a;
            _c[i] = (a * a * a - a) * range * range / 6.0;
            _d[i] = (b * b * b - b) * range * range / 6.0;
        }

        _weights = new double[bins];
        var atanShift = PointsPerOctave * Math.Log2(65.0 / 50.0) - 1.0;
        for (var i = 0; i < bins; i++)
            _weights[i] = 0.5 + Math.Atan(3.0 * (i + 1 - atanShift) / PointsPerOctave) / Math.PI;

        _y = new double[bins]; _y2 = new double[bins]; _u = new double[bins];
        _pivot = new double[bins]; _upper = new double[bins];
        for (var i = 1; i < bins - 1; i++)
        {
            _pivot[i] = 1.0 / (_sigma[i] * _upper[i - 1] + 2.0);
            _upper[i] = (_sigma[i] - 1.0) * _pivot[i];
        }
    }

    public double MinOctave { get; }
    public double OctaveStep { get; }
    public double PointsPerOctave { get; }

    public void Scale(ReadOnlySpan<double> magnitude, double[] output)
    {
        magnitude[.._n].CopyTo(_y);
        EnhancePeaks(_y);
        Smooth(_y);
        SolveNaturalSpline();
        for (var i = 0; i < _n; i++)
        {
            var k = _lower[i];
            var a = _a[i];
            var v = a * _y[k] + (1 - a) * _y[k + 1] + _c[i] * _y2[k] + _d[i] * _y2[k + 1];
            output[i] = v > 0 ? v * _weights[i] : 0.0;
        }
    }

    /// <summary>Zeroes everything further than two bins from a local maximum (openSMILE's specEnhanceSHS).</summary>
    private static void EnhancePeaks(double[] a)
    {
        var n = a.Length;
        Span<int> peaks = n <= 4096 ? stackalloc int[n / 2 + 2] : new int[n / 2 + 2];
        var count = 0;
        if (a[0] > a[1]) peaks[count++] = 0;
        for (var i = 1; i < n - 1; i++)
            if (a[i] > a[i - 1] && a[i] >= a[i + 1]) peaks[count++] = i;
        if (a[n - 1] > a[n - 2]) peaks[count++] = n - 1;
        if (count == 1)
        {
            // openSMILE reads posmax[1] here (an unset slot, i.e. 0): it keeps bins 0..2 only.
            for (var j = 3; j < n; j++) a[j] = 0;
            return;
        }
        for (var i = 1; i < count; i++)
            for (var j = peaks[i - 1] + 3; j <= peaks[i] - 3; j++) a[j] = 0;
    }

    private static void Smooth(double[] a)
    {
        var previous = 0.0;
        for (var i = 0; i < a.Length - 1; i++)
        {
            var current = a[i];
            a[i] = (previous + 2 * current + a[i + 1]) / 4.0;
            previous = current;
        }
    }

    private void SolveNaturalSpline()
    {
        // The elimination's pivots (p) and upper coefficients depend on the axis only: computed once in the
        // constructor, leaving two divisions and a few products per bin here.
        _y2[0] = 0; _u[0] = 0;
        for (var i = 1; i < _n - 1; i++)
        {
            var ut = (_y[i + 1] - _y[i]) / _diff1[i] - (_y[i] - _y[i - 1]) / _diff2[i];
            _u[i] = _pivot[i] * (6.0 * ut - _sigma[i] * _u[i - 1]);
        }
        _y2[_n - 1] = 0;
        for (var j = _n - 2; j >= 0; j--) _y2[j] = _upper[j] * _y2[j + 1] + _u[j];
    }
}
