using PairwiseCL.Core.Tests.Numerics;
using PairwiseCL.Core.Views.Wav2Vec2;
using Xunit.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.Views;

/// <summary>
/// Our wav2vec 2.0 against torchaudio 0.13 on a torchaudio-saved checkpoint (reduced size, torchaudio's random
/// initialisation) and a real EmoDB clip, every hidden state. The exact value is torchaudio's float64 run; our
/// float32 run must lie as close to it as torchaudio's own float32 run does, within <see cref="Factor"/>.
/// </summary>
public sealed class Wav2Vec2TorchaudioParityTests(ITestOutputHelper output)
{
    /// <summary>
    /// Float32 results of one computation summed in different orders scatter around the exact value with the
    /// same spread; 4x the reference's deviation leaves room for where another CPU's kernels land in it, and is
    /// still far below what a real difference (a missing bias, a wrong norm, padding leaking in) causes: 1e-3
    /// and more (see <see cref="ASwappedWeightIsFarOutsideTheTolerance"/>).
    /// </summary>
    internal const double Factor = 4;

    /// <summary>The fixture's architecture: BASE's kernels and strides at 16 channels, dim 32, 3 layers, 4 heads.</summary>
    internal static Wav2Vec2Config Reduced(string layout)
    {
        var baseLayout = new Wav2Vec2Config(
            Wav2Vec2Config.StandardConvLayers.Select(l => l with { OutChannels = 16 }).ToList(),
            FeatureExtractorNorm.GroupNorm, ConvBias: false, EmbedDim: 32, LayerCount: 3, HeadCount: 4,
            FeedForwardDim: 64, PositionalConvKernel: 16, PositionalConvGroups: 4, LayerNormFirst: false);
        return layout == "base"
            ? baseLayout
            : baseLayout with { ExtractorNorm = FeatureExtractorNorm.LayerNorm, ConvBias = true, PositionalConvKernel = 15, LayerNormFirst = true };
    }

    internal static Wav2Vec2Model LoadFixtureModel(string layout) =>
        Wav2Vec2CheckpointLoader.Load(TorchReference.File($"wav2vec2-{layout}.pth"), Reduced(layout));

    [Theory]
    [InlineData("base")]
    [InlineData("large")]
    public void EveryHiddenStateIsAsCloseToFloat64AsTorchaudiosOwnFloat32(string layout)
    {
        using var model = LoadFixtureModel(layout);
        var reference = TorchReference.Read($"wav2vec2-{layout}-states.pth");
        var exact = reference["float64"];
        var ours = Run(model, reference["clip"].Values);
        Assert.Equal(exact.ElementCount, ours.Length);

        var states = (int)exact.Shape[0];
        var perState = ours.Length / states;
        for (var s = 0; s < states; s++)
        {
            var deviation = Deviation.Between(ours.AsSpan(s * perState, perState), exact.Values.AsSpan(s * perState, perState));
            var torchaudio = TorchReference.ReferenceDeviation($"wav2vec2-{layout}", s);
            output.WriteLine($"state {s}: ours {deviation}; torchaudio float32 {torchaudio}");
            Assert.True(deviation.IsWithin(torchaudio, Factor), $"state {s}: ours {deviation}; torchaudio float32 {torchaudio}");
        }
    }

    [Theory]
    [InlineData("base")]
    [InlineData("large")]
    public void InFloat64OurModelEqualsTorchaudiosToTheFixturesFloat32Rounding(string layout)
    {
        // Both runs in float64 agree to ~1e-13 whatever the CPU; the fixture stored torchaudio's float64 states
        // rounded to float32, which moves each value by at most 2^-24 of itself: that is the whole tolerance.
        using var model = LoadFixtureModel(layout);
        model.to(ScalarType.Float64);
        var reference = TorchReference.Read($"wav2vec2-{layout}-states.pth");
        var clip = reference["clip"].Values;
        float[] ours;
        using (NewDisposeScope())
            ours = model.forward(tensor(clip, [1, clip.Length]).to(ScalarType.Float64)).to(ScalarType.Float32).contiguous().data<float>().ToArray();

        var deviation = Deviation.Between(ours, reference["float64"].Values);
        output.WriteLine($"float64: {deviation}");
        var storageRounding = Math.ScaleB(1, -24) * (1 + 1e-6);
        Assert.True(deviation.RelativeFrobenius <= storageRounding && deviation.MaxRelative <= storageRounding, deviation.ToString());
    }

    [Fact]
    public void ASwappedWeightIsFarOutsideTheTolerance()
    {
        // The test above can fail: perturb one layer norm of the fixture model by 1 % and it does.
        using var model = LoadFixtureModel("base");
        using (no_grad())
        using (var factor = 1.01.ToScalar()) // named, so no finalizer frees it during mul_ (see ScalarSafe)
            model.named_parameters().First(p => p.name == "encoder.transformer.layers.1.layer_norm.weight").parameter.mul_(factor);
        var reference = TorchReference.Read("wav2vec2-base-states.pth");
        var ours = Run(model, reference["clip"].Values);
        var perState = ours.Length / (int)reference["float64"].Shape[0];
        var last = Deviation.Between(ours.AsSpan(2 * perState, perState), reference["float64"].Values.AsSpan(2 * perState, perState));
        output.WriteLine($"state 2 with a 1 % layer-norm change: {last}");
        Assert.False(last.IsWithin(TorchReference.ReferenceDeviation("wav2vec2-base", 2), Factor));
    }

    internal static float[] Run(Wav2Vec2Model model, float[] clip)
    {
        using var scope = NewDisposeScope();
        return model.forward(tensor(clip, [1, clip.Length])).contiguous().data<float>().ToArray();
    }
}
