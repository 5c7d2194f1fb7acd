using PairwiseCL.Core.Models;
using PairwiseCL.Core.Views.Wav2Vec2;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.Views;

/// <summary>Tiny wav2vec 2.0 models with every parameter random (seeded), so a swapped key changes the output.</summary>
internal static class Wav2Vec2TestModels
{
    /// <summary>BASE layout (standard conv kernels and strides, group norm, post-norm) shrunk to 8 channels, dim 32, 2 layers.</summary>
    public static Wav2Vec2Config SmallBase { get; } = new(
        Wav2Vec2Config.StandardConvLayers.Select(l => l with { OutChannels = 8 }).ToList(),
        FeatureExtractorNorm.GroupNorm, ConvBias: false, EmbedDim: 32, LayerCount: 2, HeadCount: 4,
        FeedForwardDim: 64, PositionalConvKernel: 16, PositionalConvGroups: 4, LayerNormFirst: false);

    /// <summary>LARGE-LV60K layout (layer norm in every conv layer, conv bias, pre-norm), equally small.</summary>
    public static Wav2Vec2Config SmallLarge { get; } = SmallBase with
    {
        ExtractorNorm = FeatureExtractorNorm.LayerNorm, ConvBias = true, LayerNormFirst = true, PositionalConvKernel = 15,
    };

    public static Wav2Vec2Model Random(Wav2Vec2Config config, int seed, HiddenStateConvention convention = HiddenStateConvention.Torchaudio)
    {
        var model = new Wav2Vec2Model(config, convention);
        // A private generator: xunit runs test classes in parallel, so the global seed is not ours alone.
        using var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            // Every temporary held until copied, and constants through ScalarSafe: an unnamed Tensor or Scalar
            // can be freed by its finalizer while libtorch still reads it.
            using var scope = NewDisposeScope();
            // Norm weights near 1, everything else small: outputs stay finite and every tensor matters.
            var isNormWeight = name.EndsWith("norm.weight", StringComparison.Ordinal) || name.EndsWith("weight_g", StringComparison.Ordinal);
            var noise = ScalarSafe.Multiply(randn(parameter.shape, generator: generator), isNormWeight ? 0.1 : 0.2);
            parameter.copy_(isNormWeight ? ScalarSafe.AddConstant(noise, 1) : noise);
        }
        return model;
    }

    public static Tensor Waveforms(int batch, int samples, int seed)
    {
        using var generator = new Generator((ulong)seed);
        using var noise = randn(batch, samples, generator: generator);
        return ScalarSafe.Multiply(noise, 0.1);
    }

    public static float[] Run(Wav2Vec2Model model, Tensor waveforms)
    {
        using var scope = NewDisposeScope();
        return model.forward(waveforms).data<float>().ToArray();
    }
}
