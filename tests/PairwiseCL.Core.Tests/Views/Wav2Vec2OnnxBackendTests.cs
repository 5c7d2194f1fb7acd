using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Views.Wav2Vec2;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.Views;

/// <summary>
/// The ONNX backend on a tiny hand-built graph: a 400-sample, 320-hop Conv1d (BASE's frame grid) gives
/// state 0, tanh of it state 1 and sigmoid of that state 2; TorchSharp computes the same independently.
/// </summary>
public sealed class Wav2Vec2OnnxBackendTests : IDisposable
{
    private const int Dim = 4;
    private readonly string folder = Directory.CreateTempSubdirectory("wav2vec2-onnx").FullName;
    private readonly float[] weights = Enumerable.Range(0, Dim * 400).Select(i => MathF.Sin(i * 0.37f) * 0.05f).ToArray();
    private readonly float[] bias = [0.1f, -0.2f, 0.3f, 0f];

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>One conv layer on the BASE frame grid, three states of dimension 4.</summary>
    private static Wav2Vec2Config TinyArchitecture { get; } = new(
        [new ConvLayerSpec(Dim, 400, 320)], FeatureExtractorNorm.GroupNorm, ConvBias: true, EmbedDim: Dim, LayerCount: 2,
        HeadCount: 1, FeedForwardDim: 8, PositionalConvKernel: 2, PositionalConvGroups: 1, LayerNormFirst: false);

    private string BuildModel(bool stacked)
    {
        var writer = new OnnxModelWriter()
            .Input("waveforms", "batch", "samples")
            .Int64Initializer("shape", [0, 1, -1], 3)
            .FloatInitializer("w", weights, Dim, 1, 400)
            .FloatInitializer("b", bias, Dim)
            .Node("Reshape", ["waveforms", "shape"], ["x"])
            .Node("Conv", ["x", "w", "b"], ["conv"], OnnxAttribute.Ints("kernel_shape", 400), OnnxAttribute.Ints("strides", 320))
            .Node("Transpose", ["conv"], ["h0"], OnnxAttribute.Ints("perm", 0, 2, 1))
            .Node("Tanh", ["h0"], ["h1"])
            .Node("Sigmoid", ["h1"], ["h2"]);
        if (stacked)
        {
            writer.Int64Initializer("axes", [0], 1)
                .Node("Unsqueeze", ["h0", "axes"], ["u0"]).Node("Unsqueeze", ["h1", "axes"], ["u1"]).Node("Unsqueeze", ["h2", "axes"], ["u2"])
                .Node("Concat", ["u0", "u1", "u2"], ["hidden_states"], OnnxAttribute.Int("axis", 0))
                .Output("hidden_states", "states", "batch", "frames", "dim");
        }
        else
        {
            writer.Output("h0", "batch", "frames", "dim").Output("h1", "batch", "frames", "dim").Output("h2", "batch", "frames", "dim");
        }
        var path = Path.Combine(folder, stacked ? "stacked.onnx" : "separate.onnx");
        writer.Save(path);
        return path;
    }

    private float[] Reference(float[] padded, int frames)
    {
        using var scope = NewDisposeScope();
        var h0 = nn.functional.conv1d(tensor(padded, [1, 1, padded.Length]), tensor(weights, [Dim, 1, 400]), tensor(bias), stride: 320).transpose(1, 2);
        var h1 = h0.tanh();
        var states = stack([h0, h1, h1.sigmoid()]);
        return states[.., 0, ..frames].contiguous().data<float>().ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OnnxViewMatchesTheSameComputationInTorchSharp(bool stacked)
    {
        var path = BuildModel(stacked);
        using var backend = new OnnxWav2Vec2Backend(path, TinyArchitecture, HiddenStateConvention.Torchaudio);
        using var view = new Wav2Vec2View(backend, new Wav2Vec2ViewConfiguration("onnx", "test", TinyArchitecture, HiddenStateConvention.Torchaudio), batchSize: 2);
        var random = new Random(51);
        var clips = new[] { 12_000, 30_000, 5_000 }
            .Select(n => new AudioClip(Enumerable.Range(0, n).Select(_ => (float)random.NextDouble() - 0.5f).ToArray(), 16_000)).ToArray();

        var features = view.ExtractBatch(clips);

        for (var i = 0; i < clips.Length; i++)
        {
            var frames = (clips[i].Samples.Length - 400) / 320 + 1;
            Assert.Equal(new[] { 3, frames, Dim }, features[i].Shape);
            var padded = new float[15 * 16_000];
            clips[i].Samples.CopyTo(padded, 0);
            Assert.True(allclose(tensor(features[i].Data), tensor(Reference(padded, frames)), rtol: 1e-4, atol: 1e-5));
        }
    }

    [Fact]
    public void OutputsThatAreNotTheConfiguredHiddenStatesAreReported()
    {
        var path = BuildModel(stacked: false);
        using var backend = new OnnxWav2Vec2Backend(path, TinyArchitecture with { LayerCount = 12 }, HiddenStateConvention.Torchaudio);
        var error = Assert.Throws<InvalidOperationException>(() => backend.Run(new float[800], 1, 800));
        Assert.Contains("13 of [1,2,4]", error.Message);
    }

    [Fact]
    public void UnknownOutputNameIsReported()
    {
        var path = BuildModel(stacked: false);
        var error = Assert.Throws<ArgumentException>(() => new OnnxWav2Vec2Backend(path, TinyArchitecture, HiddenStateConvention.Torchaudio, ["last_hidden_state"]));
        Assert.Contains("last_hidden_state", error.Message);
    }
}
