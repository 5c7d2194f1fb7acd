using PairwiseCL.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>One transformer layer, post-norm (BASE) or pre-norm (LARGE-style), as torchaudio's <c>EncoderLayer</c>.</summary>
internal sealed class EncoderLayer : nn.Module<Tensor, Tensor>
{
    private readonly SelfAttention attention;
    private readonly nn.Module<Tensor, Tensor> layerNorm;
    private readonly FeedForward feedForward;
    private readonly nn.Module<Tensor, Tensor> finalLayerNorm;
    private readonly bool layerNormFirst;

    public EncoderLayer(Wav2Vec2Config config) : base(nameof(EncoderLayer))
    {
        layerNormFirst = config.LayerNormFirst;
        attention = new SelfAttention(config.EmbedDim, config.HeadCount);
        layerNorm = nn.LayerNorm(config.EmbedDim, eps: config.LayerNormEpsilon);
        feedForward = new FeedForward(config.EmbedDim, config.FeedForwardDim);
        finalLayerNorm = nn.LayerNorm(config.EmbedDim, eps: config.LayerNormEpsilon);
        register_module("attention", attention);
        register_module("layer_norm", layerNorm);
        register_module("feed_forward", feedForward);
        register_module("final_layer_norm", finalLayerNorm);
    }

    public override Tensor forward(Tensor x)
    {
        if (layerNormFirst)
        {
            x = ScalarSafe.Add(x, attention.forward(layerNorm.forward(x)));
            return ScalarSafe.Add(x, feedForward.forward(finalLayerNorm.forward(x)));
        }
        x = layerNorm.forward(ScalarSafe.Add(x, attention.forward(x)));
        return finalLayerNorm.forward(ScalarSafe.Add(x, feedForward.forward(x)));
    }

    // Children are registered under torchaudio's state-dict names in the constructor; TorchSharp's default
    // field-name registration would add every tensor a second time under the C# field name.
    protected override void RegisterComponents()
    {
    }
}
