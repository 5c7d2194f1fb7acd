using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Models;

/// <summary>
/// Maps one view's batch to a fixed-size representation. Every encoder takes the padded features and the
/// number of real frames per utterance (a [B] int64 tensor) so that padding never reaches the output.
/// </summary>
public abstract class ViewEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    protected ViewEncoder(string name) : base(name) { }

    /// <summary>Size of the representation this encoder outputs (128 in the paper).</summary>
    public abstract int OutputSize { get; }

    /// <summary>
    /// Frame counts that are a multiple of this pass through the encoder's strides and poolings exactly; a
    /// length-bucketed batch is padded up to one (1 for encoders without strides).
    /// </summary>
    public virtual int FrameMultiple => 1;
}
