using PairwiseCL.Core.Models;
using PairwiseCL.Core.Tests.Numerics;
using PairwiseCL.Core.Tests.TestSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.Models;

[Collection(TorchRandomCollection.Name)]
public sealed class EncoderTests
{
    [Fact]
    public void EveryEncoderOutputs128PerUtterance()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var frames = tensor(new long[] { 40, 25, 13 });
        Assert.Equal(new long[] { 3, 128 }, new EgemapsMlpEncoder(new()).forward(randn(3, 88), ones(3, dtype: ScalarType.Int64)).shape);
        Assert.Equal(new long[] { 3, 128 }, new MelCnnEncoder(new()).forward(randn(3, 64, 40), frames).shape);
        Assert.Equal(new long[] { 3, 128 }, new Wav2Vec2LayerEncoder(new()).forward(randn(3, 13, 40, 768), frames).shape);
    }

    [Theory]
    [InlineData(37)]
    [InlineData(40)]
    [InlineData(1)]
    public void MelPaddingFramesDoNotChangeThePooledOutput(int validFrames)
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var encoder = new MelCnnEncoder(new MelCnnConfig(FirstChannels: 4, SecondChannels: 8, OutputSize: 16));
        encoder.eval();
        var utterance = randn(1, 64, validFrames);
        // Padding filled with large garbage: masking, not zeros in the data, must keep it out. The fill Scalar is
        // named: a dispose scope holds tensors, not Scalars (see ScalarSafe).
        using var garbage = 50f.ToScalar();
        var padded = cat([utterance, full(1, 64, 83 - validFrames, garbage)], 2);

        var tight = encoder.forward(utterance, tensor(new long[] { validFrames }));
        var loose = encoder.forward(padded, tensor(new long[] { validFrames }));
        var unmasked = encoder.forward(padded, tensor(new long[] { 83 }));

        AssertPaddingKeptOut(tight, loose, unmasked, longestSum: 36 * 64);
    }

    [Fact]
    public void Wav2Vec2PaddingFramesDoNotChangeThePooledOutput()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var encoder = new Wav2Vec2LayerEncoder(new Wav2Vec2EncoderConfig(FeatureSize: 32, HiddenSize: 8, OutputSize: 8));
        var utterance = randn(1, 13, 9, 32);
        using var garbage = (-30f).ToScalar();
        var padded = cat([utterance, full(1, 13, 6, 32, garbage)], 2);

        var tight = encoder.forward(utterance, tensor(new long[] { 9 }));
        var loose = encoder.forward(padded, tensor(new long[] { 9 }));
        var unmasked = encoder.forward(padded, tensor(new long[] { 15 }));

        AssertPaddingKeptOut(tight, loose, unmasked, longestSum: 32);
    }

    /// <summary>
    /// Tight and padded inputs run through kernels of other widths (other summation orders), so they agree only
    /// to float32 rounding, which no layer here can push past gamma_n of its longest sum (n values: at most
    /// <paramref name="longestSum"/>, e.g. a 3x3 conv over 8 channels then a mean over the pooled map) per layer,
    /// relative to the sum of magnitudes: under 1.5e-4 for three such layers. The tolerance, 1e-3 of the output's
    /// norm, is above that bound and far below what the garbage padding does when it is not masked (the control:
    /// counted as frames, it moves the output by more than 10 %).
    /// </summary>
    private static void AssertPaddingKeptOut(Tensor tight, Tensor loose, Tensor unmasked, int longestSum)
    {
        Assert.True(3 * Float32Bounds.Gamma(longestSum) < 1e-3);
        var exact = tight.data<float>().ToArray();
        var masked = Deviation.Between(loose.data<float>().ToArray(), exact);
        Assert.True(masked.RelativeFrobenius <= 1e-3, $"padded input with the mask: {masked}");
        var control = Deviation.Between(unmasked.data<float>().ToArray(), exact);
        Assert.True(control.RelativeFrobenius > 0.1, $"padding counted as frames changed the output by only {control}");
    }

    [Fact]
    public void Wav2Vec2LayerWeightsStartUniformAndStayNormalised()
    {
        using var encoder = new Wav2Vec2LayerEncoder(new());
        var weights = encoder.LayerWeights();
        Assert.Equal(13, weights.Length);
        Assert.All(weights, w => Assert.Equal(1.0 / 13, w, 6));
    }

    [Fact]
    public void EgemapsStandardisationIsFittedOnTrainingDataAndTravelsWithTheCheckpoint()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var training = ScalarSafe.AddConstant(ScalarSafe.Multiply(randn(50, 88), 30), 100);
        var encoder = new EgemapsMlpEncoder(new());
        encoder.FitStandardisation(training);

        var expectedMean = training.mean([0]);
        var expectedStd = training.std(0, unbiased: false);
        var state = encoder.state_dict();
        Assert.True(allclose(state["mean"], expectedMean, atol: 1e-4));
        Assert.True(allclose(state["std"], expectedStd, atol: 1e-4));

        var path = Path.Combine(Path.GetTempPath(), $"egemaps-{Guid.NewGuid():N}.bin");
        try
        {
            encoder.save(path);
            var restored = new EgemapsMlpEncoder(new());
            restored.load(path);
            var probe = ScalarSafe.AddConstant(ScalarSafe.Multiply(randn(3, 88), 30), 100);
            var one = tensor(new long[] { 1, 1, 1 });
            Assert.True(allclose(encoder.forward(probe, one), restored.forward(probe, one)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void UnknownViewsAndMisshapenInputsAreRejectedByName()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => ModelArchitecture.Paper.CreateEncoder("mfcc"));
        Assert.Contains("mfcc", error.Message);
        Assert.Throws<ArgumentException>(() => new MelCnnEncoder(new()).forward(randn(2, 40, 10), tensor(new long[] { 10, 10 })));
    }
}
