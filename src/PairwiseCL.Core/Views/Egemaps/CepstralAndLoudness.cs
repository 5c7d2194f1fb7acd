namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// Loudness (openSMILE cPlp auditory spectrum: PLP equal-loudness weighting of the mel power bands and the
/// intensity-to-loudness power law, summed over bands) and HTK-style MFCC 1-4 (log mel power, DCT-II, lifter).
/// </summary>
internal sealed class CepstralAndLoudness
{
    // HTK-compatible MFCC works on 16-bit sample values; the scale only moves mfcc0, but keeps the log floor where
    // openSMILE has it.
    private const double HtkPowerScale = 32767.0 * 32767.0;
    private const double LogFloor = 1e-8;

    private readonly MelFilterbank _filterbank;
    private readonly double[] _equalLoudness;
    private readonly double _compression;
    private readonly double[] _power;
    private readonly double[] _mel;
    private readonly double[,] _dct;
    private readonly double[] _lifter;

    public CepstralAndLoudness(EgemapsConfiguration config, int bins, double binHz)
    {
        _filterbank = new MelFilterbank(config.MelBands, config.MelLowHz, config.MelHighHz, bins, binHz);
        _compression = config.LoudnessCompression;
        _equalLoudness = _filterbank.CentreHz.Select(EqualLoudness).ToArray();
        _power = new double[bins];
        _mel = new double[config.MelBands];
        var n = config.MelBands;
        _dct = new double[5, n];
        _lifter = new double[5];
        for (var k = 1; k <= 4; k++)
        {
            for (var j = 0; j < n; j++) _dct[k, j] = Math.Sqrt(2.0 / n) * Math.Cos(Math.PI * k / n * (j + 0.5));
            _lifter[k] = 1.0 + config.CepstralLifter / 2.0 * Math.Sin(Math.PI * k / config.CepstralLifter);
        }
    }

    /// <summary>Computes loudness and MFCC 1-4 (written to mfcc[0..3]) from one magnitude spectrum.</summary>
    public double Compute(double[] magnitude, Span<double> mfcc)
    {
        for (var k = 0; k < _power.Length; k++) _power[k] = magnitude[k] * magnitude[k];
        _filterbank.Apply(_power, _mel);

        double loudness = 0;
        for (var b = 0; b < _mel.Length; b++)
        {
            var weighted = _mel[b] * _equalLoudness[b];
            loudness += weighted > 0 ? Math.Pow(weighted, _compression) : 0;
        }

        for (var b = 0; b < _mel.Length; b++) _mel[b] = Math.Log(Math.Max(_mel[b] * HtkPowerScale, LogFloor));
        for (var k = 1; k <= 4; k++)
        {
            double c = 0;
            for (var j = 0; j < _mel.Length; j++) c += _dct[k, j] * _mel[j];
            mfcc[k - 1] = c * _lifter[k];
        }
        // openSMILE's "ll1" vector operation averages over the bands.
        return loudness / _mel.Length;
    }

    /// <summary>
    /// openSMILE's variant of Hermansky's PLP equal-loudness curve (smileDsp_equalLoudnessWeight, scaled to a
    /// maximum of about 1, with a w^7 high-frequency roll-off term).
    /// </summary>
    private static double EqualLoudness(double hz)
    {
        var w = 2 * Math.PI * hz;
        var w2 = w * w;
        var c = w2 + 6.3e6;
        return 1e32 * ((w2 + 56.8e6) * w2 * w2) / (c * c * (w2 + 0.38e9) * (w2 * w2 * w2 * w + 1.7e31));
    }
}
