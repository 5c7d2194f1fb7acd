using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// In-place iterative radix-2 complex FFT (e^{-i} convention, unscaled) with precomputed twiddles and bit-reversal
/// table. Hand-written because MathNet's transform measured about 0.75 ms per 1024-point real FFT here (it
/// allocates per call), which made it the bottleneck at ~600 transforms per utterance. Each stage's twiddles are
/// stored contiguously so that stages with four or more butterflies per group run four at a time (Vector256);
/// the products are the scalar ones, so the result does not depend on the vector width.
/// </summary>
internal sealed class Radix2Fft
{
    private readonly int _n;
    private readonly int[] _reversed;
    // Stage with groups of `size`: twiddles k = 0..size/2-1 at offset size/2 (so all stages fit in n entries).
    private readonly double[] _cos, _sin;

    public Radix2Fft(int n)
    {
        if (n < 2 || (n & (n - 1)) != 0) throw new ArgumentException($"FFT length must be a power of two, got {n}.", nameof(n));
        _n = n;
        _reversed = new int[n];
        var bits = (int)Math.Log2(n);
        for (var i = 0; i < n; i++)
        {
            var r = 0;
            for (var b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
            _reversed[i] = r;
        }
        _cos = new double[n];
        _sin = new double[n];
        for (var size = 2; size <= n; size <<= 1)
        {
            var half = size >> 1;
            var step = n / size;
            for (var k = 0; k < half; k++)
            {
                // The same argument as one table of n/2 twiddles indexed k * step, so values match that layout.
                _cos[half + k] = Math.Cos(2 * Math.PI * (k * step) / n);
                _sin[half + k] = -Math.Sin(2 * Math.PI * (k * step) / n);
            }
        }
    }

    public int Length => _n;

    public void Forward(double[] re, double[] im)
    {
        if (re.Length < _n || im.Length < _n) throw new ArgumentException($"FFT buffers must hold {_n} values.");
        for (var i = 0; i < _n; i++)
        {
            var j = _reversed[i];
            if (j <= i) continue;
            (re[i], re[j]) = (re[j], re[i]);
            (im[i], im[j]) = (im[j], im[i]);
        }
        ref var r0 = ref MemoryMarshal.GetArrayDataReference(re);
        ref var i0 = ref MemoryMarshal.GetArrayDataReference(im);
        ref var c0 = ref MemoryMarshal.GetArrayDataReference(_cos);
        ref var s0 = ref MemoryMarshal.GetArrayDataReference(_sin);
        for (var size = 2; size <= _n; size <<= 1)
        {
            var half = size >> 1;
            if (half >= 4 && Vector256.IsHardwareAccelerated)
                VectorStage(ref r0, ref i0, ref Unsafe.Add(ref c0, half), ref Unsafe.Add(ref s0, half), half);
            else
                ScalarStage(ref r0, ref i0, ref Unsafe.Add(ref c0, half), ref Unsafe.Add(ref s0, half), half);
        }
    }

    private void ScalarStage(ref double re, ref double im, ref double cos, ref double sin, int half)
    {
        for (var start = 0; start < _n; start += half << 1)
            for (var k = 0; k < half; k++)
            {
                var wr = Unsafe.Add(ref cos, k);
                var wi = Unsafe.Add(ref sin, k);
                ref var ra = ref Unsafe.Add(ref re, start + k);
                ref var ia = ref Unsafe.Add(ref im, start + k);
                ref var rb = ref Unsafe.Add(ref re, start + k + half);
                ref var ib = ref Unsafe.Add(ref im, start + k + half);
                var tr = rb * wr - ib * wi;
                var ti = rb * wi + ib * wr;
                rb = ra - tr;
                ib = ia - ti;
                ra += tr;
                ia += ti;
            }
    }

    private void VectorStage(ref double re, ref double im, ref double cos, ref double sin, int half)
    {
        for (var start = 0; start < _n; start += half << 1)
            for (var k = 0; k < half; k += 4)
            {
                var wr = Vector256.LoadUnsafe(ref cos, (nuint)k);
                var wi = Vector256.LoadUnsafe(ref sin, (nuint)k);
                var a = (nuint)(start + k);
                var b = a + (nuint)half;
                var ra = Vector256.LoadUnsafe(ref re, a);
                var ia = Vector256.LoadUnsafe(ref im, a);
                var rb = Vector256.LoadUnsafe(ref re, b);
                var ib = Vector256.LoadUnsafe(ref im, b);
                var tr = rb * wr - ib * wi;
                var ti = rb * wi + ib * wr;
                (ra - tr).StoreUnsafe(ref re, b);
                (ia - ti).StoreUnsafe(ref im, b);
                (ra + tr).StoreUnsafe(ref re, a);
                (ia + ti).StoreUnsafe(ref im, a);
            }
    }
}
