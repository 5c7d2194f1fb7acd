namespace PairwiseCL.Core.Views.Mel;

/// <summary>
/// Triangular filters on the HTK mel scale (mel = 2595 log10(1 + f / 700)), unnormalised peaks of 1,
/// as torchaudio's melscale_fbanks(norm=None, mel_scale="htk"): filter m rises from edge m to edge
/// m+1 and falls to edge m+2, with MelBands + 2 edges equally spaced in mel between the limits.
/// </summary>
public static class MelFilterBank
{
    public static double HzToMel(double hz) => 2595.0 * Math.Log10(1.0 + hz / 700.0);

    public static double MelToHz(double mel) => 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);

    /// <returns>Row-major [MelBands, FftSize / 2 + 1] weights.</returns>
    public static float[] Create(LogMelConfiguration c)
    {
        var bins = c.FftSize / 2 + 1;
        var melMin = HzToMel(c.MinFrequency);
        var melMax = HzToMel(c.MaxFrequency);
        var edges = new double[c.MelBands + 2];
        for (var i = 0; i < edges.Length; i++)
            edges[i] = MelToHz(melMin + (melMax - melMin) * i / (c.MelBands + 1));

        var weights = new float[c.MelBands * bins];
        for (var m = 0; m < c.MelBands; m++)
        {
            double lower = edges[m], centre = edges[m + 1], upper = edges[m + 2];
            for (var k = 0; k < bins; k++)
            {
                var f = (double)k * c.SampleRate / c.FftSize;
                var rising = (f - lower) / (centre - lower);
                var falling = (upper - f) / (upper - centre);
                weights[m * bins + k] = (float)Math.Max(0, Math.Min(rising, falling));
            }
        }
        return weights;
    }
}
