namespace PairwiseCL.Core.Tests.Corpora.Synthetic;

/// <summary>
/// A plain autocorrelation pitch tracker (40 ms frames every 20 ms, 60-500 Hz, on the signal decimated
/// to half its rate), written independently of the synthesiser so that tests measure what it produced
/// rather than what it was asked to produce.
/// </summary>
internal static class AutocorrelationPitch
{
    /// <summary>F0 (Hz) of every frame that is loud enough and clearly periodic.</summary>
    public static List<double> VoicedF0(float[] samples, int sampleRate)
    {
        // Averaging sample pairs halves the rate (and the work); speech F0 stays far below the new Nyquist.
        var rate = sampleRate / 2;
        var x = new double[samples.Length / 2];
        for (var i = 0; i < x.Length; i++) x[i] = 0.5 * (samples[2 * i] + samples[2 * i + 1]);
        int frame = rate * 40 / 1000, hop = rate / 50, minLag = rate / 500, maxLag = rate / 60;
        var starts = new List<int>();
        for (var start = 0; start + frame + maxLag <= x.Length; start += hop) starts.Add(start);
        var energies = starts.Select(s => Energy(x, s, frame)).ToList();
        var threshold = 0.1 * energies.DefaultIfEmpty(0).Max();
        var f0 = new List<double>();
        for (var i = 0; i < starts.Count; i++)
        {
            if (energies[i] < threshold) continue;
            var start = starts[i];
            var lagged = Energy(x, start + minLag, frame);
            var r = new double[maxLag + 2];
            for (var lag = minLag; lag <= maxLag; lag++)
            {
                double cross = 0;
                for (var n = 0; n < frame; n++) cross += x[start + n] * x[start + n + lag];
                r[lag] = cross / Math.Sqrt(energies[i] * lagged);
                // Slide the lagged window's energy by one sample.
                lagged += x[start + lag + frame] * x[start + lag + frame] - x[start + lag] * x[start + lag];
            }
            var best = r.Max();
            if (best < 0.6) continue;
            // Multiples of the period correlate almost as well: take the shortest lag that is a peak
            // close to the best one, which avoids octave-down errors.
            var period = Enumerable.Range(minLag + 1, maxLag - minLag - 1)
                .First(lag => r[lag] >= 0.85 * best && r[lag] >= r[lag - 1] && r[lag] >= r[lag + 1]);
            f0.Add((double)rate / period);
        }
        return f0;
    }

    private static double Energy(double[] x, int start, int length)
    {
        double sum = 0;
        for (var n = start; n < start + length; n++) sum += x[n] * x[n];
        return sum;
    }
}
