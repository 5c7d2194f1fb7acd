namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// openSMILE cSpectral descriptors on the 20 ms Hamming power spectrum: alpha ratio and Hammarberg index (dB), the
/// log-power spectral slopes 0-500 Hz and 500-1500 Hz (least squares over whole bins, with openSMILE's N-1 count),
/// and spectral flux (RMS difference of consecutive magnitude spectra, 0-5 kHz).
/// </summary>
internal sealed class SpectralBalance
{
    private const double SpecFloor = 1e-10;
    private readonly double _binHz;
    private readonly int _bins;
    private readonly double[] _previous;
    private bool _hasPrevious;

    public SpectralBalance(int bins, double binHz)
    {
        _bins = bins;
        _binHz = binHz;
        FluxUpperBin = LastBinBelow(5000.0);
        _previous = new double[FluxUpperBin + 1];
    }

    private int FluxUpperBin { get; }

    public void Compute(double[] magnitude, Span<double> output)
    {
        double low = 0, high = 0, max02 = 0, max25 = 0;
        for (var k = 0; k < _bins; k++)
        {
            var f = k * _binHz;
            if (f > 5000.0) break;
            var p = magnitude[k] * magnitude[k];
            if (f < 1000.0) low += p; else high += p;
            if (f < 2000.0) { if (p > max02) max02 = p; }
            else if (p > max25) max25 = p;
        }
        output[0] = low > 0 ? 10.0 * Math.Log10(Math.Max(high, SpecFloor) / low) : 0.0;
        output[1] = max25 > 0 ? 10.0 * Math.Log10(Math.Max(max02, SpecFloor) / max25) : 0.0;
        output[2] = Slope(magnitude, 0, 500);
        output[3] = Slope(magnitude, 500, 1500);
        output[4] = Flux(magnitude);
    }

    private double Slope(double[] magnitude, double lowHz, double highHz)
    {
        var first = (int)Math.Floor(lowHz / _binHz);
        var last = Math.Min((int)Math.Floor(highHz / _binHz), _bins - 1);
        double sf = 0, s2f = 0, sumA = 0, sumB = 0;
        for (var k = first; k <= last; k++)
        {
            var f = k * _binHz;
            var p = magnitude[k] * magnitude[k];
            var logPower = p > SpecFloor ? 10.0 * Math.Log10(p) : 10.0 * Math.Log10(SpecFloor);
            sf += f; s2f += f * f; sumA += f * logPower; sumB += logPower;
        }
        // openSMILE counts the bins as (last - first), one fewer than it sums over.
        double n = last - first;
        var denominator = n * s2f - sf * sf;
        return denominator != 0 ? (n * sumA - sf * sumB) / denominator : 0.0;
    }

    private double Flux(double[] magnitude)
    {
        var upper = FluxUpperBin;
        double flux = 0;
        if (_hasPrevious)
        {
            double sum = 0;
            for (var k = 0; k <= upper; k++)
            {
                var d = magnitude[k] - _previous[k];
                sum += d * d;
            }
            flux = Math.Sqrt(sum / (upper + 1));
        }
        Array.Copy(magnitude, _previous, upper + 1);
        _hasPrevious = true;
        return flux;
    }

    private int LastBinBelow(double hz)
    {
        var bin = 0;
        for (var k = 0; k < _bins; k++) if (k * _binHz < hz) bin = k;
        return bin;
    }
}
