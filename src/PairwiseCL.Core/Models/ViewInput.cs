using static TorchSharp.torch;

namespace PairwiseCL.Core.Models;

/// <summary>One view of a batch: padded features and the number of real frames of each utterance ([B] int64).</summary>
public sealed record ViewInput(Tensor Features, Tensor ValidFrames)
{
    public ViewInput To(Device device) => new(Features.to(device), ValidFrames.to(device));
}
