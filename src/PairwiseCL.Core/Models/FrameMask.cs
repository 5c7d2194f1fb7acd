using static TorchSharp.torch;

namespace PairwiseCL.Core.Models;

/// <summary>Masks and masked means over a padded frame axis, given the number of real frames per item.</summary>
internal static class FrameMask
{
    /// <summary>[B, frames] float mask: 1 for frame t &lt; validFrames[b], else 0.</summary>
    public static Tensor Of(Tensor validFrames, long frames, Device device)
    {
        var positions = ScalarSafe.Range(0, frames, device).unsqueeze(0);
        return (positions < validFrames.to(device).unsqueeze(1)).to(ScalarType.Float32);
    }

    /// <summary>Mean of values [B, C, frames] over the valid frames only -> [B, C].</summary>
    public static Tensor MaskedMean(Tensor values, Tensor mask)
    {
        var weights = mask.unsqueeze(1);
        var counts = ScalarSafe.ClampMin(mask.sum(1, keepdim: true), 1.0);
        return (values * weights).sum(2) / counts;
    }

    /// <summary>Valid frame counts after a layer that keeps ceil(n / factor) frames.</summary>
    /// <remarks>
    /// Computed on the host from the [B] counts: TorchSharp 0.107 Scalars (implicit or cached) passed to
    /// integer tensor arithmetic were seen corrupted mid-run ("toLong", "alpha must not be a floating point
    /// number"), and these few integers need no tensor maths.
    /// </remarks>
    public static Tensor Downsampled(Tensor validFrames, int factor)
    {
        var counts = validFrames.cpu().data<long>().ToArray();
        for (var i = 0; i < counts.Length; i++) counts[i] = (counts[i] + factor - 1) / factor;
        return tensor(counts, device: validFrames.device);
    }
}
