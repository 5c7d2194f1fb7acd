using PairwiseCL.Core.Checkpoints;
using PairwiseCL.Core.Tests.Numerics;
using PairwiseCL.Core.Views.Wav2Vec2;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.Views;

public sealed class Wav2Vec2CheckpointLoadingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("wav2vec2-checkpoints").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string, Wav2Vec2KeyNaming, string> Formats() => new()
    {
        { "model.safetensors", Wav2Vec2KeyNaming.HuggingFace, "" },
        { "model.safetensors", Wav2Vec2KeyNaming.HuggingFaceParametrized, "wav2vec2." },
        { "pytorch_model.bin", Wav2Vec2KeyNaming.HuggingFaceParametrized, "wav2vec2." },
        { "pytorch_model.bin", Wav2Vec2KeyNaming.HuggingFace, "" },
        { "wav2vec2_fairseq_base_ls960.pth", Wav2Vec2KeyNaming.Torchaudio, "" },
        { "torchaudio.safetensors", Wav2Vec2KeyNaming.Torchaudio, "" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void SavedModelLoadsBackWithIdenticalOutputs(string fileName, Wav2Vec2KeyNaming naming, string prefix)
    {
        using var scope = NewDisposeScope();
        var original = Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallBase, seed: 11);
        var path = Path.Combine(folder, fileName);
        Save(path, Wav2Vec2StateDict.Export(original, naming, prefix));

        AssertSameOutputs(original, Wav2Vec2CheckpointLoader.Load(path, Wav2Vec2TestModels.SmallBase));
    }

    [Fact]
    public void PreNormModelRoundTripsThroughPyTorchZip()
    {
        using var scope = NewDisposeScope();
        var original = Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallLarge, seed: 13);
        var path = Path.Combine(folder, "large.pth");
        PyTorchZipFile.Write(path, Wav2Vec2StateDict.Export(original));

        AssertSameOutputs(original, Wav2Vec2CheckpointLoader.Load(path, Wav2Vec2TestModels.SmallLarge));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ArchitectureIsInferredFromTheTensors(bool large)
    {
        using var scope = NewDisposeScope();
        var config = large ? Wav2Vec2TestModels.SmallLarge with { HeadCount = 1 } : Wav2Vec2TestModels.SmallBase with { HeadCount = 1 };
        var original = Wav2Vec2TestModels.Random(config, seed: 15);
        var path = Path.Combine(folder, "inferred.safetensors");
        SafetensorsFile.Write(path, Wav2Vec2StateDict.Export(original, Wav2Vec2KeyNaming.HuggingFace, "wav2vec2."));

        var loaded = Wav2Vec2CheckpointLoader.Load(path);
        // Heads are inferred as dim / 64 (at least 1): the small test model uses one 32-dimensional head.
        Assert.Equal(config with { ConvLayers = loaded.Config.ConvLayers }, loaded.Config);
        Assert.Equal(config.ConvLayers, loaded.Config.ConvLayers);
    }

    [Fact]
    public void FloatSixteenCheckpointLoadsTheRoundedWeights()
    {
        using var scope = NewDisposeScope();
        var original = Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallBase, seed: 16);
        var path = Path.Combine(folder, "half.bin");
        PyTorchZipFile.Write(path, Wav2Vec2StateDict.Export(original, Wav2Vec2KeyNaming.HuggingFace), TensorElementType.Float16);

        var loaded = Wav2Vec2CheckpointLoader.Load(path, Wav2Vec2TestModels.SmallBase);
        var halfState = loaded.state_dict();
        foreach (var (key, value) in original.state_dict())
            Assert.True(allclose(value.to(ScalarType.Float16).to(ScalarType.Float32), halfState[key], rtol: 0, atol: 0), key);
    }

    [Fact]
    public void PlainPositionalWeightWithoutWeightNormLoadsEquivalently()
    {
        using var scope = NewDisposeScope();
        using var original = Wav2Vec2TorchaudioParityTests.LoadFixtureModel("base");
        var tensors = Wav2Vec2StateDict.Export(original).ToDictionary();
        const string conv = "encoder.transformer.pos_conv_embed.conv.";
        var g = tensors[conv + "weight_g"];
        var v = tensors[conv + "weight_v"];
        // What remove_weight_norm leaves: w = g * v / ||v|| with the norm over dims 0 and 1.
        using var two = 2.ToScalar(); // named: a dispose scope holds tensors, not Scalars (see ScalarSafe)
        var w = (tensor(g.Values, g.Shape) * tensor(v.Values, v.Shape) / tensor(v.Values, v.Shape).pow(two).sum([0, 1], keepdim: true).sqrt());
        tensors.Remove(conv + "weight_g");
        tensors.Remove(conv + "weight_v");
        tensors[conv + "weight"] = new CheckpointTensor(v.Shape, w.data<float>().ToArray());
        var path = Path.Combine(folder, "plain.safetensors");
        SafetensorsFile.Write(path, tensors);

        // The plain weight is the same function rounded once more to float32: the loaded model must still match
        // torchaudio's exact states as closely as torchaudio's own float32 run does.
        using var loaded = Wav2Vec2CheckpointLoader.Load(path, Wav2Vec2TorchaudioParityTests.Reduced("base"));
        var reference = TorchReference.Read("wav2vec2-base-states.pth");
        var actual = Wav2Vec2TorchaudioParityTests.Run(loaded, reference["clip"].Values);
        var exact = reference["float64"];
        var perState = actual.Length / (int)exact.Shape[0];
        for (var s = 0; s < exact.Shape[0]; s++)
        {
            var deviation = Deviation.Between(actual.AsSpan(s * perState, perState), exact.Values.AsSpan(s * perState, perState));
            var torchaudio = TorchReference.ReferenceDeviation("wav2vec2-base", s);
            Assert.True(deviation.IsWithin(torchaudio, Wav2Vec2TorchaudioParityTests.Factor), $"state {s}: {deviation}; torchaudio {torchaudio}");
        }
    }

    [Fact]
    public void HeadsOfFineTunedModelsAreIgnored()
    {
        using var scope = NewDisposeScope();
        var original = Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallBase, seed: 19);
        var tensors = Wav2Vec2StateDict.Export(original, Wav2Vec2KeyNaming.HuggingFace, "wav2vec2.").ToDictionary();
        tensors["lm_head.weight"] = CheckpointTensor.Create(new float[32 * 4], 4, 32);
        tensors["wav2vec2.masked_spec_embed"] = CheckpointTensor.Create(new float[32], 32);
        var path = Path.Combine(folder, "ctc.safetensors");
        SafetensorsFile.Write(path, tensors);

        AssertSameOutputs(original, Wav2Vec2CheckpointLoader.Load(path, Wav2Vec2TestModels.SmallBase));
    }

    [Fact]
    public void MismatchesAreListedTogether()
    {
        using var scope = NewDisposeScope();
        var tensors = Wav2Vec2StateDict.Export(Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallBase, seed: 21), Wav2Vec2KeyNaming.HuggingFace).ToDictionary();
        tensors.Remove("encoder.layers.1.final_layer_norm.bias");
        tensors.Remove("feature_projection.projection.weight");
        tensors["encoder.layers.1.attention.q_proj.bias"] = CheckpointTensor.Create(new float[16], 16);
        tensors["encoder.layers.2.attention.q_proj.bias"] = CheckpointTensor.Create(new float[32], 32);
        var path = Path.Combine(folder, "broken.safetensors");
        SafetensorsFile.Write(path, tensors);

        var error = Assert.Throws<Wav2Vec2CheckpointException>(() => Wav2Vec2CheckpointLoader.Load(path, Wav2Vec2TestModels.SmallBase));
        Assert.Contains("missing keys (2)", error.Message);
        Assert.Contains("encoder.transformer.layers.1.final_layer_norm.bias", error.Message);
        Assert.Contains("encoder.feature_projection.projection.weight", error.Message);
        Assert.Contains("unexpected keys (1)", error.Message);
        Assert.Contains("encoder.layers.2.attention.q_proj.bias", error.Message);
        Assert.Contains("shape mismatches (1)", error.Message);
        Assert.Contains("encoder.layers.1.attention.q_proj.bias: checkpoint [16], model [32]", error.Message);
    }

    [Fact]
    public void WrongArchitectureNamesTheProblem()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "small.safetensors");
        SafetensorsFile.Write(path, Wav2Vec2StateDict.Export(Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallBase, seed: 22)));
        var error = Assert.Throws<Wav2Vec2CheckpointException>(() => Wav2Vec2CheckpointLoader.Load(path, Wav2Vec2TestModels.SmallBase with { LayerCount = 3 }));
        Assert.Contains("encoder.transformer.layers.2.", error.Message);
    }

    /// <summary>Bit-identical hidden states for a batch of two clips.</summary>
    private static void AssertSameOutputs(Wav2Vec2Model expected, Wav2Vec2Model actual)
    {
        var waveforms = Wav2Vec2TestModels.Waveforms(2, 4800, seed: 12);
        Assert.Equal(Wav2Vec2TestModels.Run(expected, waveforms), Wav2Vec2TestModels.Run(actual, waveforms));
    }

    private static void Save(string path, IReadOnlyDictionary<string, CheckpointTensor> tensors)
    {
        if (path.EndsWith(".safetensors", StringComparison.Ordinal))
            SafetensorsFile.Write(path, tensors);
        else
            PyTorchZipFile.Write(path, tensors);
    }
}
