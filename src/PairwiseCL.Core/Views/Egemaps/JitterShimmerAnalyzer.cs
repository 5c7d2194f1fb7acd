namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// Local jitter and shimmer (dB) from waveform periods, in the spirit of openSMILE's cPitchJitter: inside the
/// pitch frame, successive periods are tracked by normalised cross-correlation of one period with the next, the
/// lag searched within +-10% of the previous period and accepted at correlation >= 0.5. Jitter is the mean
/// absolute difference of consecutive period lengths over the mean period; shimmer the mean absolute dB ratio of
/// consecutive period peak amplitudes. 0 when fewer than two periods are found.
/// </summary>
internal sealed class JitterShimmerAnalyzer(EgemapsConfiguration config, int frameLength)
{
    private readonly int[] _periods = new int[frameLength];
    private readonly double[] _amplitudes = new double[frameLength];

    public (double Jitter, double ShimmerDb) Analyse(float[] samples, int start, double f0, int sampleRate)
    {
        if (f0 <= 0) return (0, 0);
        var end = Math.Min(start + frameLength, samples.Length);
        var period = (int)Math.Round(sampleRate / f0);
        if (period < 2 || start + 2 * period > end) return (0, 0);

        var count = 0;
        var position = start;
        while (true)
        {
            var low = Math.Max(2, (int)Math.Floor(period * (1 - config.JitterSearchRangeRelative)));
            var high = (int)Math.Ceiling(period * (1 + config.JitterSearchRangeRelative));
            var window = period;
            var bestLag = -1;
            var bestCorrelation = double.NegativeInfinity;
            for (var lag = low; lag <= high; lag++)
            {
                if (position + lag + window > end) break;
                var c = Correlation(samples, position, position + lag, window);
                if (c > bestCorrelation) { bestCorrelation = c; bestLag = lag; }
            }
            if (bestLag < 0 || bestCorrelation < config.JitterMinCorrelation) break;
            _periods[count] = bestLag;
            _amplitudes[count] = PeakAmplitude(samples, position, bestLag);
            count++;
            position += bestLag;
            period = bestLag;
        }
        if (count < 2) return (0, 0);

        double periodSum = 0, periodDiff = 0, shimmer = 0;
        var shimmerTerms = 0;
        for (var i = 0; i < count; i++)
        {
            periodSum += _periods[i];
            if (i == 0) continue;
            periodDiff += Math.Abs(_periods[i] - _periods[i - 1]);
            if (_amplitudes[i] > 0 && _amplitudes[i - 1] > 0)
            {
                shimmer += Math.Abs(20.0 * Math.Log10(_amplitudes[i] / _amplitudes[i - 1]));
                shimmerTerms++;
            }
        }
        var jitter = periodDiff / (count - 1) / (periodSum / count);
        return (jitter, shimmerTerms > 0 ? shimmer / shimmerTerms : 0);
    }

    private static double Correlation(float[] x, int a, int b, int length)
    {
        double xy = 0, xx = 0, yy = 0;
        for (var i = 0; i < length; i++)
        {
            double u = x[a + i], v = x[b + i];
            xy += u * v; xx += u * u; yy += v * v;
        }
        var denominator = Math.Sqrt(xx * yy);
        return denominator > 0 ? xy / denominator : 0;
    }

    private static double PeakAmplitude(float[] x, int start, int length)
    {
        double max = double.NegativeInfinity, min = double.PositiveInfinity;
        for (var i = start; i < start + length; i++)
        {
            if (x[i] > max) max = x[i];
            if (x[i] < min) min = x[i];
        }
        return max - min;
    }
}
