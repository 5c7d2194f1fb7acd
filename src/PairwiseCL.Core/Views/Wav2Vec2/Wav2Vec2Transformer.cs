using PairwiseCL.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>Positional embedding, encoder layer norm and the transformer layers (torchaudio's <c>Transformer</c>).</summary>
internal sealed class Wav2Vec2Transformer : nn.Module
{
    private readonly ConvolutionalPositionalEmbedding posConvEmbed;
    private readonly nn.Module<Tensor, Tensor> layerNorm;
    private readonly TorchSharp.Modules.ModuleList<EncoderLayer> layers = new();
    private readonly bool layerNormFirst;

    public Wav2Vec2Transformer(Wav2Vec2Config config) : base(nameof(Wav2Vec2Transformer))
    {
        layerNormFirst = config.LayerNormFirst;
        posConvEmbed = new ConvolutionalPositionalEmbedding(config.EmbedDim, config.PositionalConvKernel, config.PositionalConvGroups);
        layerNorm = nn.LayerNorm(config.EmbedDim, eps: config.LayerNormEpsilon);
        for (var i = 0; i < config.LayerCount; i++)
            layers.Add(new EncoderLayer(config));
        register_module("pos_conv_embed", posConvEmbed);
        register_module("layer_norm", layerNorm);
        register_module("layers", layers);
    }

    /// <summary>The transformer input after the positional embedding and (post-norm models) the layer norm.</summary>
    public Tensor Preprocess(Tensor x)
    {
        x = ScalarSafe.Add(x, posConvEmbed.forward(x));
        return layerNormFirst ? x : layerNorm.forward(x);
    }

    public IEnumerable<Tensor> LayerOutputs(Tensor x)
    {
        foreach (var layer in layers)
        {
            x = layer.forward(x);
            yield return x;
        }
    }

    /// <summary>The layer norm pre-norm models apply after their last layer.</summary>
    public Tensor FinalNorm(Tensor x) => layerNormFirst ? layerNorm.forward(x) : x;

    // Children are registered under torchaudio's state-dict names in the constructor; TorchSharp's default
    // field-name registration would add every tensor a second time under the C# field name.
    protected override void RegisterComponents()
    {
    }
}
