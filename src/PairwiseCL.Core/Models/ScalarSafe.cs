using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Models;

/// <summary>
/// Tensor operations with a constant operand that keep their TorchSharp <see cref="Scalar"/> alive across the
/// native call. An implicit double/int -> Scalar conversion makes a temporary that is unreachable once its
/// handle has been read; a GC on another thread then lets the finalizer free it while libtorch still reads it
/// (seen as "toLong"/"toFloat" or "alpha must not be a floating point number" errors). The <c>using</c>
/// disposes each Scalar only after the call has returned.
/// </summary>
internal static class ScalarSafe
{
    public static Tensor Divide(Tensor tensor, double divisor)
    {
        using var scalar = divisor.ToScalar();
        return tensor.div(scalar);
    }

    public static Tensor Multiply(Tensor tensor, double factor)
    {
        using var scalar = factor.ToScalar();
        return tensor.mul(scalar);
    }

    /// <summary>Fills <paramref name="tensor"/> in place; returns it as fill_ does.</summary>
    public static Tensor Fill(Tensor tensor, double value)
    {
        using var scalar = value.ToScalar();
        return tensor.fill_(scalar);
    }

    /// <summary>left + right: TorchSharp's tensor + tensor passes a hidden alpha Scalar of 1.</summary>
    public static Tensor Add(Tensor left, Tensor right)
    {
        using var one = 1.ToScalar();
        return left.add(right, one);
    }

    /// <summary>left - right as left + (-1) right, with the alpha Scalar kept alive (tensor - tensor hides one).</summary>
    public static Tensor Subtract(Tensor left, Tensor right)
    {
        using var minusOne = (-1).ToScalar();
        return left.add(right, minusOne);
    }

    /// <summary>tensor + value with both Scalars alive: TorchSharp's add(Scalar) passes a hidden alpha Scalar of 1 (a crash seen in a quick protocol run).</summary>
    public static Tensor AddConstant(Tensor tensor, double value)
    {
        using var scalar = value.ToScalar();
        using var one = 1.ToScalar();
        return tensor.add(scalar, one);
    }

    /// <summary>x * x, instead of pow(2) and its exponent Scalar (the same numbers: libtorch squares for 2).</summary>
    public static Tensor Square(Tensor tensor) => tensor * tensor;

    public static Tensor MaskedFill(Tensor tensor, Tensor mask, double value)
    {
        using var scalar = value.ToScalar();
        return tensor.masked_fill(mask, scalar);
    }

    public static Tensor ClampMin(Tensor tensor, double min)
    {
        using var scalar = min.ToScalar();
        return tensor.clamp_min(scalar);
    }

    public static Tensor GreaterThan(Tensor tensor, double threshold)
    {
        using var scalar = threshold.ToScalar();
        return tensor.gt(scalar);
    }

    /// <summary>[start, start + 1, ..., stop - 1] as an Int64 tensor, built on the host (no Scalar at all).</summary>
    public static Tensor Range(long start, long stop, Device device)
    {
        var values = new long[Math.Max(0, stop - start)];
        for (var i = 0; i < values.Length; i++) values[i] = start + i;
        return tensor(values, device: device);
    }
}
