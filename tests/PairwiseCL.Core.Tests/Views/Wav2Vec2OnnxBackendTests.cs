using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Tests.Numerics;
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

    /// <summary>
    /// The exact states (float64) of the clip and, per value, how far any float32 evaluation may lie from them:
    /// the conv is a 400-term dot product plus a bias, so |error| &lt;= gamma_401 (sum |w x| + |b|); tanh is
    /// 1-Lipschitz and sigmoid 1/4-Lipschitz, and each adds its own rounding (a few units in the last place: 8 u).
    /// Different CPUs and ONNX Runtime's MLAS kernels sum in other orders; the bound covers every order.
    /// </summary>
    private (float[] Exact, float[] Bound) Reference(float[] padded, int frames)
    {
        using var scope = NewDisposeScope();
        var input = tensor(padded, [1, 1, padded.Length]).to(ScalarType.Float64);
        var w = tensor(weights, [Dim, 1, 400]).to(ScalarType.Float64);
        var b = tensor(bias).to(ScalarType.Float64);
        var h0 = nn.functional.conv1d(input, w, b, stride: 320).transpose(1, 2);
        var h1 = h0.tanh();
        var exact = stack([h0, h1, h1.sigmoid()]);
        var scale = nn.functional.conv1d(input.abs(), w.abs(), b.abs(), stride: 320).transpose(1, 2);
        // Constants through ScalarSafe: a dispose scope holds tensors, not the Scalars an operator would make.
        var bound0 = ScalarSafe.Multiply(scale, Float32Bounds.Gamma(401));
        var last = 8 * Float32Bounds.UnitRoundoff;
        var bound = stack([bound0, ScalarSafe.AddConstant(bound0, last), ScalarSafe.AddConstant(ScalarSafe.Divide(bound0, 4), 2 * last)]);
        float[] Values(Tensor t) => t[.., 0, ..frames].to(ScalarType.Float32).contiguous().data<float>().ToArray();
        return (Values(exact), Values(bound));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OnnxViewMatchesTheSameComputationWithinFloat32sErrorBound(bool stacked)
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
            var (exact, bound) = Reference(padded, frames);
            for (var k = 0; k < exact.Length; k++)
                Assert.True(Math.Abs(features[i].Data[k] - exact[k]) <= bound[k],
                    $"clip {i} value {k}: ONNX {features[i].Data[k]}, exact {exact[k]}, bound {bound[k]:E2}");
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
