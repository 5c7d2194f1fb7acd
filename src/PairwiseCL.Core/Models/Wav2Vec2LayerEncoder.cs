using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Models;

/// <summary>
/// wav2vec 2.0 encoder over cached hidden states [B, 13, frames, 768]: learnable softmax-normalised layer
/// weights, a two-layer pointwise 1-D CNN (768 -> 128 -> 128, ReLU between), mean over valid frames.
/// </summary>
public sealed class Wav2Vec2LayerEncoder : ViewEncoder
{
    private readonly Parameter layerWeights;
    private readonly Conv1d pointwise1;
    private readonly Conv1d pointwise2;

    public Wav2Vec2LayerEncoder(Wav2Vec2EncoderConfig config) : base(nameof(Wav2Vec2LayerEncoder))
    {
        Config = config;
        // Equal logits: training starts from the plain average of all layers.
        layerWeights = nn.Parameter(zeros(config.Layers));
        pointwise1 = nn.Conv1d(config.FeatureSize, config.HiddenSize, 1);
        pointwise2 = nn.Conv1d(config.HiddenSize, config.OutputSize, 1);
        RegisterComponents();
    }

    public Wav2Vec2EncoderConfig Config { get; }

    public override int OutputSize => Config.OutputSize;

    /// <summary>Current softmax-normalised layer weights (sum to 1).</summary>
    public float[] LayerWeights()
    {
        // In a scope, so the softmax temporary cannot be finalized while cpu() reads it (see ModelSnapshot).
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return nn.functional.softmax(layerWeights, 0).cpu().data<float>().ToArray();
    }

    public override Tensor forward(Tensor features, Tensor validFrames)
    {
        if (features.dim() != 4 || features.shape[1] != Config.Layers || features.shape[3] != Config.FeatureSize)
            throw new ArgumentException($"wav2vec 2.0 encoder expects [B, {Config.Layers}, frames, {Config.FeatureSize}], got [{string.Join(",", features.shape)}].", nameof(features));

        var (batch, frames) = (features.shape[0], features.shape[2]);
        // A matmul over the layer axis avoids materialising the 13x larger weighted copy.
        var weights = nn.functional.softmax(layerWeights, 0).view(1, 1, -1);
        var averaged = matmul(weights, features.flatten(2)).view(batch, frames, Config.FeatureSize); // [B, frames, 768]
        var channelsFirst = averaged.transpose(1, 2);             // [B, 768, frames]
        var hidden = nn.functional.relu(pointwise1.forward(channelsFirst));
        var perFrame = pointwise2.forward(hidden);                // [B, 128, frames]
        return FrameMask.MaskedMean(perFrame, FrameMask.Of(validFrames, perFrame.shape[2], perFrame.device));
    }
}
