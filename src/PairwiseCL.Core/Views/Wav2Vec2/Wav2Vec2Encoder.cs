using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>Feature projection followed by the transformer (torchaudio's <c>Encoder</c>; the names key the state dict).</summary>
internal sealed class Wav2Vec2Encoder : nn.Module
{
    public Wav2Vec2Encoder(Wav2Vec2Config config) : base(nameof(Wav2Vec2Encoder))
    {
        FeatureProjection = new FeatureProjection(config.ExtractorChannels, config.EmbedDim, config.LayerNormEpsilon);
        Transformer = new Wav2Vec2Transformer(config);
        register_module("feature_projection", FeatureProjection);
        register_module("transformer", Transformer);
    }

    public FeatureProjection FeatureProjection { get; }

    public Wav2Vec2Transformer Transformer { get; }

    // Children are registered under torchaudio's state-dict names in the constructor; TorchSharp's default
    // field-name registration would add every tensor a second time under the C# field name.
    protected override void RegisterComponents()
    {
    }
}
