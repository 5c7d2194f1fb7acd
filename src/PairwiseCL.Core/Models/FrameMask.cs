using static TorchSharp.torch;

namespace PairwiseCL.Core.Models;

/// <summary>Masks and masked means over a padded frame axis, given the number of real frames per item.</summary>
internal static class FrameMask
{
    /// <summary>[B, frames] float mask: 1 for frame t &lt; validFrames[b], else 0.</summary>
    public static Tensor Of(Tensor validFrames, long frames, Device device)
    {
        var positions = arange(frames, dtype: ScalarType.Int64, device: device).unsqueeze(0);
        return (positions < validFrames.to(device).unsqueeze(1)).to(ScalarType.Float32);
    }

    /// <summary>Mean of values [B, C, frames] over the valid frames only -> [B, C].</summary>
    public static Tensor MaskedMean(Tensor values, Tensor mask)
    {
        var weights = mask.unsqueeze(1);
        var counts = mask.sum(1, keepdim: true).clamp_min(1.0);
        return (values * weights).sum(2) / counts;
    }

    /// <summary>Valid frame counts after a layer that keeps ceil(n / factor) frames.</summary>
    public static Tensor Downsampled(Tensor validFrames, int factor) =>
        validFrames.add(SmallInteger(factor - 1), SmallInteger(1)).div(SmallInteger(factor), RoundingMode.floor);

    // TorchSharp does not keep implicit Scalar temporaries alive during the native call that uses them, so a
    // GC on another thread can free one mid-call (seen as "toLong" failures). These live for the process.
    private static readonly TorchSharp.Scalar[] SmallIntegers = Enumerable.Range(0, 17).Select(i => TorchSharp.ScalarExtensionMethods.ToScalar(i)).ToArray();

    private static TorchSharp.Scalar SmallInteger(int value) =>
        value >= 0 && value < SmallIntegers.Length ? SmallIntegers[value]
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Frame factors up to {SmallIntegers.Length - 1} are supported.");
}
