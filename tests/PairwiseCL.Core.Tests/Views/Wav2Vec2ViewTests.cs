using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Checkpoints;
using PairwiseCL.Core.Views;
using PairwiseCL.Core.Views.Wav2Vec2;
using static TorchSharp.torch;
using PairwiseCL.Core.Progress;

namespace PairwiseCL.Core.Tests.Views;

public sealed class Wav2Vec2ViewTests : IDisposable
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

    /// <summary>The reference: the model run directly on the clip zero-padded (or trimmed) to 15 s.</summary>
    private static float[] PaddedReference(Wav2Vec2Model model, AudioClip clip, int frames)
    {
        using var scope = NewDisposeScope();
        var padded = new float[15 * Rate];
        Array.Copy(clip.Samples, padded, Math.Min(clip.Samples.Length, padded.Length));
        var states = model.forward(tensor(padded, [1, padded.Length]));
        return states[.., 0, ..frames].contiguous().data<float>().ToArray();
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
        Assert.True(allclose(tensor(features.Data), tensor(PaddedReference(model, clip, expectedFrames)), rtol: 1e-5, atol: 1e-6));
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
        Assert.False(allclose(tensor(a.Data), tensor(b.Data), rtol: 1e-3, atol: 1e-4));
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
        Assert.True(allclose(tensor(features.Data), tensor(PaddedReference(model, clip, 749)), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void BatchedExtractionMatchesOneByOneAndReportsProgress()
    {
        using var model = Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallBase, seed: 39);
        using var view = View(model, batchSize: 2);
        var clips = new[] { Clip(8000, 1), Clip(20000, 2), Clip(500, 3) };
        var reports = new List<int>();

        var batched = view.ExtractBatch(clips, new InlineProgress<int>(reports.Add));

        Assert.Equal([2, 3], reports);
        for (var i = 0; i < clips.Length; i++)
        {
            var single = view.Extract(clips[i]);
            Assert.Equal(single.Shape, batched[i].Shape);
            Assert.True(allclose(tensor(single.Data), tensor(batched[i].Data), rtol: 1e-4, atol: 1e-5));
        }
        Assert.Equal(1, batched[2].ValidFrames);
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
        Assert.True(allclose(tensor(rounded), tensor(full.Extract(clip).Data), rtol: 1e-3, atol: 1e-3));
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
