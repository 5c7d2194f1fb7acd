using System.Numerics;
using System.Runtime.InteropServices;
using MathNet.Numerics;

namespace PairwiseCL.Core.Audio;

/// <summary>
/// Band-limited sample-rate conversion with a Kaiser-windowed sinc (90 dB stop band). The low-pass
/// cut-off sits at 0.475 of the lower of the two rates with a transition band of 0.05 of it, so the
/// band from 0.5 (the new Nyquist frequency) upward is suppressed before it can alias, and everything
/// below 0.45 passes unchanged (ripple far below 0.01 dB). Output sample n sits at input time
/// n * fromRate / toRate, so the two signals stay aligned (no delay).
/// </summary>
/// <remarks>
/// The filter is tabulated once per rate pair as a polyphase bank: one row of taps for every distinct
/// fractional input position (toRate / gcd rows). Rate pairs that would need more than
/// <see cref="MaxExactPhases"/> rows (odd rates such as 44,111 Hz) use that many rows and interpolate
/// linearly between neighbouring rows. The tables of recently used rate pairs are kept in a cache bounded
/// by count and bytes (a filter for an odd high rate holds megabytes; one per distinct rate grew without end).
/// </remarks>
public static class Resampler
{
    private const double StopBandAttenuationDb = 90.0;
    private const double CutoffFraction = 0.475;
    private const double TransitionFraction = 0.05;
    internal const int MaxExactPhases = 1024;

    internal const int MaxCachedFilters = 32;
    internal const long MaxCachedFilterBytes = 64L * 1024 * 1024;

    private static readonly BoundedCache<(int From, int To), PolyphaseFilter> Filters = new(MaxCachedFilters, MaxCachedFilterBytes, f => f.Bytes);

    /// <summary>Filters held now, and their bytes (for tests of the bound).</summary>
    internal static (int Count, long Bytes) CachedFilters => (Filters.Count, Filters.Bytes);

    public static float[] Resample(float[] samples, int fromRate, int toRate)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (fromRate <= 0) throw new ArgumentOutOfRangeException(nameof(fromRate), fromRate, "The source sample rate must be positive.");
        if (toRate <= 0) throw new ArgumentOutOfRangeException(nameof(toRate), toRate, "The target sample rate must be positive.");
        if (fromRate == toRate) return (float[])samples.Clone();
        if (samples.Length == 0) return [];
        return Filters.GetOrAdd((fromRate, toRate), key => PolyphaseFilter.Design(key.From, key.To)).Apply(samples);
    }

    public static AudioClip Resample(AudioClip clip, int toRate) =>
        clip.SampleRate == toRate ? clip : new AudioClip(Resample(clip.Samples, clip.SampleRate, toRate), toRate);

    private sealed class PolyphaseFilter
    {
        private readonly int _up;        // L: output samples per block
        private readonly int _down;      // M: input samples per block
        private readonly int _halfWidth; // H: taps on each side of the output position, in input samples
        private readonly int _phases;    // rows in the table
        private readonly float[] _table; // (_phases + 1) rows of 2H taps; the extra row is the next sample's phase 0

        private PolyphaseFilter(int up, int down, int halfWidth, int phases, float[] table)
        {
            _up = up;
            _down = down;
            _halfWidth = halfWidth;
            _phases = phases;
            _table = table;
        }

        public long Bytes => (long)_table.Length * sizeof(float);

        public static PolyphaseFilter Design(int fromRate, int toRate)
        {
            var divisor = (int)Euclid.GreatestCommonDivisor(fromRate, toRate);
            int up = toRate / divisor, down = fromRate / divisor;
            var lowerRate = Math.Min(fromRate, toRate);
            // Frequencies in cycles per input sample: the kernel is evaluated on the input's time axis.
            var cutoff = CutoffFraction * lowerRate / fromRate;
            var transition = TransitionFraction * lowerRate / fromRate;
            // Kaiser's design formulas for the window shape and the length that reach the attenuation.
            var beta = 0.1102 * (StopBandAttenuationDb - 8.7);
            var length = (StopBandAttenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition);
            var halfWidth = (int)Math.Ceiling(length / 2);
            var phases = Math.Min(up, MaxExactPhases);
            var taps = 2 * halfWidth;
            var table = new float[(phases + 1) * taps];
            var windowNorm = SpecialFunctions.BesselI0(beta);
            for (var p = 0; p <= phases; p++)
            {
                var fraction = (double)p / phases;
                for (var k = 0; k < taps; k++)
                {
                    var tau = fraction + halfWidth - 1 - k; // output time minus input sample time
                    var ratio = tau / halfWidth;
                    var window = Math.Abs(ratio) >= 1 ? 0 : SpecialFunctions.BesselI0(beta * Math.Sqrt(1 - ratio * ratio)) / windowNorm;
                    table[p * taps + k] = (float)(2 * cutoff * Sinc(2 * cutoff * tau) * window);
                }
            }
            return new PolyphaseFilter(up, down, halfWidth, phases, table);
        }

        private static double Sinc(double x) => x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);

        public float[] Apply(float[] input)
        {
            var taps = 2 * _halfWidth;
            // Zero padding on both sides lets every output read a full window without bounds checks.
            var padded = new float[input.Length + taps + 1];
            input.CopyTo(padded, _halfWidth);
            var outputLength = (int)(((long)input.Length * _up + _down - 1) / _down);
            var output = new float[outputLength];
            var table = _table.AsSpan();
            var exact = _phases == _up;
            for (var n = 0; n < outputLength; n++)
            {
                var position = (long)n * _down;
                var start = (int)(position / _up) + 1; // padded index of input sample floor(t) - H + 1
                var remainder = (int)(position % _up);
                var window = padded.AsSpan(start, taps);
                if (exact)
                {
                    output[n] = Dot(table.Slice(remainder * taps, taps), window);
                    continue;
                }
                var phase = (double)remainder * _phases / _up;
                var row = (int)phase;
                var weight = (float)(phase - row);
                var a = Dot(table.Slice(row * taps, taps), window);
                var b = Dot(table.Slice((row + 1) * taps, taps), window);
                output[n] = a + weight * (b - a);
            }
            return output;
        }

        private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            var sum = Vector<float>.Zero;
            for (var i = 0; i < va.Length; i++) sum += va[i] * vb[i];
            var result = Vector.Sum(sum);
            for (var i = va.Length * Vector<float>.Count; i < a.Length; i++) result += a[i] * b[i];
            return result;
        }
    }
}
