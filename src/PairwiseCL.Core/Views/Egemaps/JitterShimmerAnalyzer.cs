using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// Local jitter and shimmer (dB) as openSMILE's cPitchJitter computes them, frame by frame with state carried
/// across frames: from where the last frame's periods ended, successive periods are matched by normalised
/// cross-correlation of one candidate period with the next (lags within +-10% of the F0 period, the highest
/// local maximum), refined by a parabola; periods correlating above 0.5 count. Jitter is the mean absolute
/// difference of consecutive periods (across frame boundaries) over the mean period; shimmer the mean absolute
/// peak-to-peak amplitude difference of neighbouring periods over their mean amplitude, in dB of (1 + ratio).
/// A voiced frame without a usable period repeats the previous value; unvoiced frames give 0 and reset the state.
/// Create one instance per utterance (it is stateful).
/// </summary>
internal sealed class JitterShimmerAnalyzer(EgemapsConfiguration config, int frameLength, int frameStep)
{
    private readonly double[] _correlation = new double[4096];
    private long _lastIndex;
    private long _lastMissing;
    private double _lastPeriod;
    private double _lastJitter;
    private double _lastShimmer;

    public (double Jitter, double ShimmerDb) Analyse(float[] samples, int frameStart, double f0, int sampleRate)
    {
        var samplePeriod = 1.0 / sampleRate;
        long toRead0 = frameStep + _lastMissing;
        var toRead = toRead0;
        var maxRead = _lastMissing + frameLength;
        long periodSamples = 0, minLag = 0, maxLag = 0;
        if (f0 > 0)
        {
            var exact = sampleRate / f0;
            periodSamples = (long)Math.Round(exact);
            minLag = (long)Math.Floor((1.0 - config.JitterSearchRangeRelative) * exact);
            maxLag = (long)Math.Ceiling((1.0 + config.JitterSearchRangeRelative) * exact);
            toRead = Math.Max(toRead, 2 * maxLag + 2);
        }
        toRead = Math.Min(toRead, maxRead);
        if (frameStart - _lastMissing != _lastIndex)
        {
            _lastIndex = frameStart;
            toRead = Math.Min(toRead, frameLength);
        }
        var available = Math.Max(0, Math.Min(toRead, samples.Length - _lastIndex));
        var x = samples.AsSpan((int)Math.Min(_lastIndex, samples.Length), (int)available);

        double periodSum = 0, periodCount = 0, jitterSum = 0, jitterCount = 0, amplitudeSum = 0, amplitudeDiffSum = 0;
        long lastPeriodEnd;
        if (f0 > 0 && maxLag - minLag + 1 <= _correlation.Length && minLag >= 2)
        {
            long start = 0;
            lastPeriodEnd = 0;
            while (start < x.Length - 2 * maxLag - 1)
            {
                for (var lag = minLag; lag <= maxLag; lag++)
                    _correlation[lag - minLag] = CrossCorrelation(x.Slice((int)start, (int)lag), x.Slice((int)(start + lag), (int)lag));
                var best = -1;
                var bestValue = 0.0;
                for (var i = 1; i < maxLag - minLag - 1; i++)
                    if (_correlation[i - 1] < _correlation[i] && _correlation[i] > _correlation[i + 1] && (best == -1 || _correlation[i] > bestValue))
                    {
                        best = i;
                        bestValue = _correlation[i];
                    }
                var periodStart = start;
                if (best >= 0)
                {
                    var length = minLag + best;
                    start += length;
                    var a0 = PeakToPeak(x.Slice((int)periodStart, (int)length));
                    var a1 = PeakToPeak(x.Slice((int)start, (int)length));
                    var (offset, peak) = Parabola.Vertex(best - 1, _correlation[best - 1], best, _correlation[best], best + 1, _correlation[best + 1]);
                    if (peak > config.JitterMinCorrelation)
                    {
                        var period = Math.Abs(minLag + offset) * samplePeriod;
                        periodSum += period;
                        periodCount++;
                        if (_lastPeriod > 0)
                        {
                            jitterSum += Math.Abs(_lastPeriod - period);
                            jitterCount++;
                        }
                        _lastPeriod = period;
                        amplitudeSum += (a0 + a1) / 2.0;
                        amplitudeDiffSum += Math.Abs(a0 - a1);
                    }
                }
                else
                {
                    start += periodSamples;
                }
                if (start < toRead0 - 1) lastPeriodEnd = start;
            }
            _lastMissing = toRead0 - lastPeriodEnd;
        }
        else
        {
            lastPeriodEnd = toRead0;
            _lastMissing = 0;
            _lastPeriod = 0;
            _lastJitter = 0;
            _lastShimmer = 0;
        }
        _lastIndex += lastPeriodEnd;
        if (f0 <= 0) return (0, 0);

        if (periodCount > 0 && jitterCount > 0) _lastJitter = jitterSum / jitterCount / (periodSum / periodCount);
        if (periodCount > 0) _lastShimmer = amplitudeSum > 0 ? amplitudeDiffSum / amplitudeSum : 0;
        var jitter = (periodCount > 0 && jitterCount > 0) || periodCount == 0 ? Math.Min(_lastJitter, 1.0) : 0.0;
        _lastShimmer = Math.Min(_lastShimmer, 1.0);
        return (jitter, 20.0 * Math.Log10(_lastShimmer + 1.0));
    }

    /// <summary>
    /// Pearson correlation of two equally long stretches (0 when either is constant), in float64 four lanes at a
    /// time: this runs for every lag of every period candidate, a tenth of the extraction when written scalar.
    /// </summary>
    private static double CrossCorrelation(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = a.Length;
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var va = Vector256<double>.Zero;
        var vb = Vector256<double>.Zero;
        var i = 0;
        for (; i + 4 <= n; i += 4)
        {
            va += Widen(ref ra, i);
            vb += Widen(ref rb, i);
        }
        double ma = Vector256.Sum(va), mb = Vector256.Sum(vb);
        for (; i < n; i++) { ma += a[i]; mb += b[i]; }
        ma /= n; mb /= n;

        var vma = Vector256.Create(ma);
        var vmb = Vector256.Create(mb);
        var vab = Vector256<double>.Zero;
        var vaa = Vector256<double>.Zero;
        var vbb = Vector256<double>.Zero;
        i = 0;
        for (; i + 4 <= n; i += 4)
        {
            var u = Widen(ref ra, i) - vma;
            var v = Widen(ref rb, i) - vmb;
            vab += u * v; vaa += u * u; vbb += v * v;
        }
        double ab = Vector256.Sum(vab), aa = Vector256.Sum(vaa), bb = Vector256.Sum(vbb);
        for (; i < n; i++)
        {
            var u = a[i] - ma; var v = b[i] - mb;
            ab += u * v; aa += u * u; bb += v * v;
        }
        var denominator = Math.Sqrt(aa) * Math.Sqrt(bb);
        return denominator > 0 ? ab / denominator : 0;
    }

    private static Vector256<double> Widen(ref float source, int index) =>
        Vector256.WidenLower(Vector128.LoadUnsafe(ref source, (nuint)index).ToVector256Unsafe());

    /// <summary>Max minus min over the period without its first and last sample, as openSMILE.</summary>
    private static double PeakToPeak(ReadOnlySpan<float> x)
    {
        if (x.Length < 3) return 0;
        double max = x[1], min = x[1];
        for (var i = 1; i < x.Length - 1; i++)
        {
            if (x[i] > max) max = x[i];
            if (x[i] < min) min = x[i];
        }
        return max - min;
    }
}
