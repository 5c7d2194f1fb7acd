using PairwiseCL.Core.Tests.Numerics;
using PairwiseCL.Core.Views.Wav2Vec2;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.Views;

public sealed class Wav2Vec2ModelTests
{
    [Theory]
    [InlineData(400)]
    [InlineData(719)]
    [InlineData(720)]
    [InlineData(16000)]
    [InlineData(24_123)]
    public void FrameCountFollowsTheBaseConvStride(int samples)
    {
        using var scope = NewDisposeScope();
        var model = Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallBase, seed: 1);
        var output = model.forward(Wav2Vec2TestModels.Waveforms(2, samples, seed: 2));

        var expectedFrames = (samples - 400) / 320 + 1;
        Assert.Equal(new long[] { 3, 2, expectedFrames, 32 }, output.shape);
        Assert.Equal(expectedFrames, Wav2Vec2Config.Base.FrameCount(samples));
    }

    [Fact]
    public void BaseHasTheTorchaudioParameterCount()
    {
        using var scope = NewDisposeScope();
        var model = new Wav2Vec2Model(Wav2Vec2Config.Base);
        // By hand from torchaudio's layout (the paper's 94.4 M): conv encoder 4,200,448 + feature projection
        // 395,008 + positional conv 4,719,488 (v 768x48x128, g 128, bias) + encoder norm 1,536 + 12 x 7,087,872.
        Assert.Equal(4_200_448L + 395_008 + 4_719_488 + 1_536 + 12L * 7_087_872, model.parameters().Sum(p => p.numel()));
        Assert.Equal(13, Wav2Vec2Config.Base.HiddenStateCount);
    }

    [Fact]
    public void StateDictHasExactlyTorchaudiosKeys()
    {
        using var scope = NewDisposeScope();
        using var model = Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallBase, seed: 10);
        var keys = model.state_dict().Keys.ToHashSet();

        // 7 conv weights + group norm (2), feature projection (4), positional conv (3), encoder norm (2), 16 per layer.
        Assert.Equal(9 + 4 + 3 + 2 + 2 * 16, keys.Count);
        Assert.Contains("feature_extractor.conv_layers.0.layer_norm.weight", keys);
        Assert.Contains("feature_extractor.conv_layers.6.conv.weight", keys);
        Assert.Contains("encoder.feature_projection.projection.bias", keys);
        Assert.Contains("encoder.transformer.pos_conv_embed.conv.weight_g", keys);
        Assert.Contains("encoder.transformer.pos_conv_embed.conv.weight_v", keys);
        Assert.Contains("encoder.transformer.layer_norm.bias", keys);
        Assert.Contains("encoder.transformer.layers.1.attention.out_proj.weight", keys);
        Assert.Contains("encoder.transformer.layers.1.feed_forward.intermediate_dense.weight", keys);
        Assert.Contains("encoder.transformer.layers.1.final_layer_norm.bias", keys);
    }

    [Fact]
    public void PostNormConventionsDifferOnlyInStateZero()
    {
        using var scope = NewDisposeScope();
        var (a, b) = BothConventions(Wav2Vec2TestModels.SmallBase, seed: 3);

        Assert.False(allclose(a[0], b[0]));
        Assert.True(allclose(a[1..], b[1..], rtol: 0, atol: 0));
    }

    [Fact]
    public void PreNormConventionsDifferInFirstAndLastState()
    {
        using var scope = NewDisposeScope();
        var (a, b) = BothConventions(Wav2Vec2TestModels.SmallLarge, seed: 5);

        Assert.False(allclose(a[0], b[0]));
        Assert.True(allclose(a[1], b[1], rtol: 0, atol: 0));
        Assert.False(allclose(a[2], b[2]));
    }

    /// <summary>
    /// A clip's states must not depend on the other clips of its batch. Batched and single float32 runs use
    /// different kernels, so each is compared with the exact (float64) states and must lie as close to them as
    /// torchaudio's float32 does on the fixture's 1.6 s clip; these 0.5 s cuts of it have shorter sums, so that
    /// deviation bounds theirs.
    /// </summary>
    [Fact]
    public void OutputsAreIndependentOfOtherClipsInTheBatch()
    {
        using var scope = NewDisposeScope();
        using var model = Wav2Vec2TorchaudioParityTests.LoadFixtureModel("base");
        using var exactModel = Wav2Vec2TorchaudioParityTests.LoadFixtureModel("base");
        exactModel.to(ScalarType.Float64);
        var clip = TorchReference.Read("wav2vec2-base-states.pth")["clip"].Values;
        var waveforms = tensor(clip[..24000], [3, 8000]);

        var batched = model.forward(waveforms)[.., 1];
        var single = model.forward(waveforms[1..2])[.., 0];
        var exact = exactModel.forward(waveforms[1..2].to(ScalarType.Float64))[.., 0].to(ScalarType.Float32);

        for (var s = 0; s < exact.shape[0]; s++)
        {
            var reference = TorchReference.ReferenceDeviation("wav2vec2-base", s);
            var expected = exact[s].contiguous().data<float>().ToArray();
            foreach (var (name, states) in new[] { ("batched", batched), ("single", single) })
            {
                var deviation = Deviation.Between(states[s].contiguous().data<float>().ToArray(), expected);
                Assert.True(deviation.IsWithin(reference, Wav2Vec2TorchaudioParityTests.Factor), $"state {s} {name}: {deviation}; torchaudio {reference}");
            }
        }
    }

    [Fact]
    public void FreshModelStartsFromTorchsNormInitialisation()
    {
        using var scope = NewDisposeScope();
        using var model = new Wav2Vec2Model(Wav2Vec2TestModels.SmallBase);
        var state = model.state_dict();

        // TorchSharp's GroupNorm would otherwise hold uninitialised memory.
        Assert.True(allclose(state["feature_extractor.conv_layers.0.layer_norm.weight"], ones(8), rtol: 0, atol: 0));
        Assert.True(allclose(state["feature_extractor.conv_layers.0.layer_norm.bias"], zeros(8), rtol: 0, atol: 0));
        Assert.True(model.forward(Wav2Vec2TestModels.Waveforms(1, 4000, seed: 24)).isfinite().all().item<bool>());
    }

    [Fact]
    public void TooShortInputIsRejectedWithTheReason()
    {
        using var scope = NewDisposeScope();
        var model = Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallBase, seed: 9);
        var error = Assert.Throws<ArgumentException>(() => model.forward(zeros(1, 399)));
        Assert.Contains("399 samples", error.Message);
    }

    /// <summary>The same weights and input under the torchaudio and the Hugging Face convention.</summary>
    private static (Tensor Torchaudio, Tensor HuggingFace) BothConventions(Wav2Vec2Config config, int seed)
    {
        var waveforms = Wav2Vec2TestModels.Waveforms(1, 4000, seed: seed + 1);
        var torchaudio = Wav2Vec2TestModels.Random(config, seed).forward(waveforms);
        var huggingFace = Wav2Vec2TestModels.Random(config, seed, HiddenStateConvention.HuggingFace).forward(waveforms);
        return (torchaudio, huggingFace);
    }
}
