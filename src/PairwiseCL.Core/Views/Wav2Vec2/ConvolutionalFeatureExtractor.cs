using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>The convolutional feature encoder: waveform [batch, samples] -> features [batch, frames, channels].</summary>
internal sealed class ConvolutionalFeatureExtractor : nn.Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.ModuleList<nn.Module<Tensor, Tensor>> convLayers = new();

    public ConvolutionalFeatureExtractor(Wav2Vec2Config config) : base(nameof(ConvolutionalFeatureExtractor))
    {
        var inChannels = 1;
        for (var i = 0; i < config.ConvLayers.Count; i++)
        {
            // BASE normalises only the first layer (group norm); LARGE-style normalises every layer.
            FeatureExtractorNorm? norm = config.ExtractorNorm == FeatureExtractorNorm.LayerNorm || i == 0 ? config.ExtractorNorm : null;
            convLayers.Add(new ConvLayerBlock(inChannels, config.ConvLayers[i], config.ConvBias, norm, config.LayerNormEpsilon));
            inChannels = config.ConvLayers[i].OutChannels;
        }
        register_module("conv_layers", convLayers);
    }

    public override Tensor forward(Tensor waveforms)
    {
        var x = waveforms.unsqueeze(1);
        foreach (var layer in convLayers)
            x = layer.forward(x);
        return x.transpose(1, 2);
    }

    // Children are registered under torchaudio's state-dict names in the constructor; TorchSharp's default
    // field-name registration would add every tensor a second time under the C# field name.
    protected override void RegisterComponents()
    {
    }
}
