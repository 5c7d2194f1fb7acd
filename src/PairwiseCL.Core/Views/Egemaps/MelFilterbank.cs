namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// Triangular filters equally spaced on the HTK mel scale (1127 ln(1 + f/700)) between two edge frequencies,
/// applied to a power spectrum, as openSMILE's cMelspec.
/// </summary>
internal sealed class MelFilterbank
{
    private readonly int[] _firstBin;
    private readonly double[][] _weights;

    public MelFilterbank(int bands, double lowHz, double highHz, int bins, double binHz)
    {
        var lowMel = Mel(lowHz);
        var highMel = Mel(highHz);
        var edges = new double[bands + 2];
        for (var i = 0; i < edges.Length; i++) edges[i] = lowMel + i * (highMel - lowMel) / (bands + 1);
        var lowBin = (int)Math.Round(lowHz / binHz);
        var highBin = (int)Math.Round(highHz / binHz);
        CentreHz = new double[bands];
        _firstBin = new int[bands];
        _weights = new double[bands][];
        for (var b = 0; b < bands; b++)
        {
            CentreHz[b] = InverseMel(edges[b + 1]);
            var weights = new List<double>();
            var first = -1;
            // openSMILE leaves out the bins at and below the lower cut-off bin and from the upper one on.
            for (var k = lowBin + 1; k < Math.Min(highBin, bins); k++)
            {
                var m = Mel(k * binHz);
                double w = 0;
                if (m > edges[b] && m <= edges[b + 1]) w = (m - edges[b]) / (edges[b + 1] - edges[b]);
                else if (m > edges[b + 1] && m < edges[b + 2]) w = (edges[b + 2] - m) / (edges[b + 2] - edges[b + 1]);
                if (w <= 0) { if (first >= 0) break; continue; }
                if (first < 0) first = k;
                weights.Add(w);
            }
            _firstBin[b] = Math.Max(first, 0);
            _weights[b] = weights.ToArray();
        }
    }

    public double[] CentreHz { get; }
    public int Bands => _weights.Length;

    public void Apply(double[] power, double[] output)
    {
        for (var b = 0; b < _weights.Length; b++)
        {
            var w = _weights[b];
            var first = _firstBin[b];
            double sum = 0;
            for (var i = 0; i < w.Length; i++) sum += w[i] * power[first + i];
            output[b] = sum;
        }
    }

    public static double Mel(double hz) => 1127.0 * Math.Log(1.0 + hz / 700.0);
    public static double InverseMel(double mel) => 700.0 * (Math.Exp(mel / 1127.0) - 1.0);
}
