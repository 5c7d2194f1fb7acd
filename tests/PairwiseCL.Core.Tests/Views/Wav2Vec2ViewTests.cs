using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Checkpoints;
using PairwiseCL.Core.Progress;
using PairwiseCL.Core.Tests.Numerics;
using PairwiseCL.Core.Views;
using PairwiseCL.Core.Views.Wav2Vec2;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.Views;

public sealed class Wav2Vec2ViewTests(ITestOutputHelper output) : IDisposable
{
    private const int Rate = 16_000;
    private readonly string folder = Directory.CreateTempSubdirectory("wav2vec2-view").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Wav2Vec2View View(Wav2Vec2Model model, Wav2Vec2Padding padding = Wav2Vec2Padding.FixedLengthRealFramesOnly, bool float16 = false, int batchSize = 4) =>
        new(new TorchSharpWav2Vec2Backend(model, preferCuda: false),
            new Wav2Vec2ViewConfiguration("torchsharp", "test", model.Config, model.Convention, Padding: padding, Float16: float16), batchSize);

    private static AudioClip Clip(int samples, int seed)
    {
        var random = new Random(seed);
        return new AudioClip(Enumerable.Range(0, samples).Select(_ => (float)(random.NextDouble() - 0.5) * 0.2f).ToArray(), Rate);
    }

    /// <summary>allclose on two arrays, with both tensors held by a scope until libtorch has compared them.</summary>
    private static bool AllClose(float[] actual, float[] expected, double rtol, double atol)
    {
        using var scope = NewDisposeScope();
        return allclose(tensor(actual), tensor(expected), rtol, atol);
    }

    /// <summary>The reference: the model run directly on the clip zero-padded (or trimmed) to 15 s, in its own precision.</summary>
    private static float[] PaddedReference(Wav2Vec2Model model, AudioClip clip, int frames, ScalarType precision = ScalarType.Float32)
    {
        using var scope = NewDisposeScope();
        var padded = new float[15 * Rate];
        Array.Copy(clip.Samples, padded, Math.Min(clip.Samples.Length, padded.Length));
        var states = model.forward(tensor(padded, [1, padded.Length]).to(precision));
        return states[.., 0, ..frames].to(ScalarType.Float32).contiguous().data<float>().ToArray();
    }

    [Fact]
    public void KeepsOnlyTheFramesCoveringRealAudioOfTheFifteenSecondInput()
    {
        using var model = Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallBase, seed: 31);
        using var view = View(model);
        var clip = Clip(Rate + 123, seed: 32);

        var features = view.Extract(clip);

        var expectedFrames = (clip.Samples.Length - 400) / 320 + 1;
        Assert.Equal(expectedFrames, features.ValidFrames);
        Assert.Equal(new[] { 3, expectedFrames, 32 }, features.Shape);
        features.EnsureConsistent();
        Assert.True(AllClose(features.Data, PaddedReference(model, clip, expectedFrames), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void PaddedOutputDiffersFromUnpaddedSoThePolicyMatters()
    {
        using var model = Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallBase, seed: 33);
        using var padded = View(model);
        using var trimmed = View(model, Wav2Vec2Padding.TrimOnly);
        var clip = Clip(Rate, seed: 34);

        var a = padded.Extract(clip);
        var b = trimmed.Extract(clip);

        Assert.Equal(a.Shape, b.Shape);
        Assert.False(AllClose(a.Data, b.Data, rtol: 1e-3, atol: 1e-4));
        Assert.NotEqual(padded.ConfigurationKey, trimmed.ConfigurationKey);
    }

    [Fact]
    public void AllFramesPolicyKeepsThePaddingButCountsRealFrames()
    {
        using var model = Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallBase, seed: 35);
        using var view = View(model, Wav2Vec2Padding.FixedLengthAllFrames);
        var features = view.Extract(Clip(2 * Rate, seed: 36));
        Assert.Equal(new[] { 3, 749, 32 }, features.Shape);
        Assert.Equal(99, features.ValidFrames);
    }

    [Fact]
    public void LongClipsAreTrimmedToFifteenSeconds()
    {
        using var model = Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallBase, seed: 37);
        using var view = View(model);
        var clip = Clip(16 * Rate, seed: 38);
        var features = view.Extract(clip);
        Assert.Equal(749, features.ValidFrames);
        Assert.True(AllClose(features.Data, PaddedReference(model, clip, 749), rtol: 1e-5, atol: 1e-6));
    }

    /// <summary>
    /// Batching must not change the numbers beyond float32 rounding: no padding, mask or normalisation may leak
    /// between the clips of a batch. Batched and one-by-one float32 outputs come from different kernels (GEMM
    /// blocking depends on the batch; AVX2 and AVX-512 machines sum in other orders), so neither is compared with
    /// the other bit for bit; each is compared with the exact value (the same model in float64) and must lie as
    /// close to it as torchaudio's own float32 does on these very clips (errors.json, "-padded15s").
    /// </summary>
    [Fact]
    public void BatchedAndOneByOneExtractionBothMatchFloat64WithinTorchaudiosFloat32Error()
    {
        using var model = Wav2Vec2TorchaudioParityTests.LoadFixtureModel("base");
        using var exactModel = Wav2Vec2TorchaudioParityTests.LoadFixtureModel("base");
        exactModel.to(ScalarType.Float64);
        using var view = View(model, batchSize: 2);
        var recording = TorchReference.Read("wav2vec2-base-states.pth")["clip"].Values;
        // The fixture script's cuts of the clip: two batches, the second with one clip of a single frame.
        var clips = new[] { 8000, 20000, 500 }.Select(n => new AudioClip(recording[..n], Rate)).ToArray();
        var reports = new List<int>();

        var batched = view.ExtractBatch(clips, new InlineProgress<int>(reports.Add));

        Assert.Equal([2, 3], reports);
        Assert.Equal(1, batched[2].ValidFrames);
        for (var i = 0; i < clips.Length; i++)
        {
            var single = view.Extract(clips[i]);
            Assert.Equal(single.Shape, batched[i].Shape);
            var exact = PaddedReference(exactModel, clips[i], single.ValidFrames, ScalarType.Float64);
            var perState = exact.Length / single.Shape[0];
            for (var s = 0; s < single.Shape[0]; s++)
            {
                var torchaudio = TorchReference.ReferenceDeviation("wav2vec2-base-padded15s", s);
                foreach (var (name, features) in new[] { ("one by one", single), ("batched", batched[i]) })
                {
                    var deviation = Deviation.Between(features.Data.AsSpan(s * perState, perState), exact.AsSpan(s * perState, perState));
                    output.WriteLine($"clip {i} state {s} {name}: {deviation}; torchaudio float32 {torchaudio}");
                    Assert.True(deviation.IsWithin(torchaudio, Wav2Vec2TorchaudioParityTests.Factor), $"clip {i} state {s} {name}: {deviation}; torchaudio {torchaudio}");
                }
            }
        }
    }

    [Fact]
    public void FloatSixteenValuesSurviveHalfPrecisionStorage()
    {
        using var model = Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallBase, seed: 40);
        using var full = View(model);
        using var half = View(model, float16: true);
        var clip = Clip(Rate, seed: 41);

        var rounded = half.Extract(clip).Data;

        Assert.All(rounded, v => Assert.Equal(v, (float)(Half)v));
        Assert.True(AllClose(rounded, full.Extract(clip).Data, rtol: 1e-3, atol: 1e-3));
        Assert.NotEqual(full.ConfigurationKey, half.ConfigurationKey);
    }

    [Fact]
    public void WrongSampleRateAndCancellationAreReported()
    {
        using var model = Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallBase, seed: 42);
        using var view = View(model);
        var error = Assert.Throws<ArgumentException>(() => view.Extract(new AudioClip(new float[8000], 8000)));
        Assert.Contains("8000 Hz", error.Message);
        Assert.Throws<OperationCanceledException>(() => view.ExtractBatch([Clip(Rate, 1)], null, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void OpenedFromACheckpointTheViewIsKeyedByItsContent()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "model.safetensors");
        SafetensorsFile.Write(path, Wav2Vec2StateDict.Export(Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallBase, seed: 43), Wav2Vec2KeyNaming.HuggingFace));
        var options = new Wav2Vec2ViewOptions { ModelPath = path, PreferCuda = false };

        string firstKey;
        using (var view = Wav2Vec2View.Open(options))
        {
            Assert.Equal("wav2vec2", view.Name);
            Assert.Equal([3, -1, 32], view.OutputShape);
            Assert.Equal(Rate, view.SampleRate);
            firstKey = view.ConfigurationKey;
        }
        SafetensorsFile.Write(path, Wav2Vec2StateDict.Export(Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallBase, seed: 44), Wav2Vec2KeyNaming.HuggingFace));
        using var changed = Wav2Vec2View.Open(options);
        Assert.NotEqual(firstKey, changed.ConfigurationKey);
    }

    [Fact]
    public void BaseViewPromisesThirteenLayersOf768()
    {
        using var model = new Wav2Vec2Model(Wav2Vec2Config.Base);
        using var view = View(model);
        IFeatureView asView = view;
        Assert.Equal([13, -1, 768], asView.OutputShape);
    }

}
