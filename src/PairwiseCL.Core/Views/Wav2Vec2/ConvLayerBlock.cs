using PairwiseCL.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>One feature-encoder layer: Conv1d, optional normalisation, GELU (torchaudio <c>ConvLayerBlock</c>).</summary>
internal sealed class ConvLayerBlock : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> conv;
    private readonly nn.Module<Tensor, Tensor>? norm;
    private readonly bool normOverChannelsLast;

    public ConvLayerBlock(int inChannels, ConvLayerSpec spec, bool bias, FeatureExtractorNorm? normKind, double epsilon) : base(nameof(ConvLayerBlock))
    {
        conv = nn.Conv1d(inChannels, spec.OutChannels, spec.Kernel, stride: spec.Stride, bias: bias);
        register_module("conv", conv);
        if (normKind is FeatureExtractorNorm.GroupNorm)
        {
            var groupNorm = nn.GroupNorm(spec.OutChannels, spec.OutChannels, eps: epsilon, affine: true);
            // TorchSharp 0.107 leaves GroupNorm's affine parameters uninitialised (garbage, even NaN);
            // a model used before loading weights would compute on it. torch initialises them to 1 and 0.
            using (no_grad())
            {
                ScalarSafe.Fill(groupNorm.weight!, 1);
                groupNorm.bias!.zero_();
            }
            norm = groupNorm;
        }
        else if (normKind is FeatureExtractorNorm.LayerNorm)
        {
            // torchaudio's LayerNorm here normalises each frame over channels: transpose, norm, transpose back.
            norm = nn.LayerNorm(spec.OutChannels, eps: epsilon);
            normOverChannelsLast = true;
        }
        if (norm is not null)
            register_module("layer_norm", norm);
    }

    public override Tensor forward(Tensor x)
    {
        x = conv.forward(x);
        if (norm is not null)
            x = normOverChannelsLast ? norm.forward(x.transpose(-2, -1)).transpose(-2, -1) : norm.forward(x);
        return nn.functional.gelu(x);
    }

    // Children are registered under torchaudio's state-dict names in the constructor; TorchSharp's default
    // field-name registration would add every tensor a second time under the C# field name.
    protected override void RegisterComponents()
    {
    }
}
