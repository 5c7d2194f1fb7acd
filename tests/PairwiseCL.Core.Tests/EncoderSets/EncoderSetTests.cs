using PairwiseCL.Core.EncoderSets;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Tests.Experiments;
using PairwiseCL.Core.Tests.TestSupport;
using PairwiseCL.Core.Training;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.EncoderSets;

[Collection(TorchRandomCollection.Name)]
public sealed class EncoderSetTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("pwcl-encoders-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static EncoderSetRequest Request(int utterances, double temperature = 0.5) => new(
        ["mel", "egemaps"], new Dictionary<string, string> { ["mel"] = "mel-key", ["egemaps"] = "egemaps-key" },
        [new TrainingCorpus("synthetic", utterances, EncoderSetRequest.HashOfUtterances(Enumerable.Range(0, utterances).Select(i => $"u{i}")))],
        new PretrainingConfig(Temperature: temperature, MaxEpochs: 3, Patience: 3, BatchSize: 32), ModelArchitecture.Paper);

    [Fact]
    public void AStoredSetGivesTheTrainedEncodersRepresentationsAndIsFoundAgainByItsRequest()
    {
        var input = ProtocolRunnerTests.SyntheticInput(seed: 11);
        var request = Request(input.Corpus.Utterances.Count);
        var catalog = new EncoderSetCatalog(_data);
        Assert.Null(catalog.Find(request));

        var manifest = new EncoderSetTrainer(CPU).Train("synthetic mel+egemaps", request, input.Features, catalog.FolderOf(request.Hash));

        Assert.Equal(input.Corpus.Utterances.Count, manifest.TrainingUtterances + manifest.ValidationUtterances);
        Assert.Equal((int)Math.Round(input.Corpus.Utterances.Count * 0.1), manifest.ValidationUtterances);
        Assert.InRange(manifest.History.Count, 1, 3);
        Assert.Equal(["mel", "egemaps"], manifest.Encoders.Select(e => e.View));
        Assert.All(manifest.Encoders, e => Assert.Equal(64, e.Sha256.Length));
        Assert.False(Directory.Exists(Path.Combine(catalog.FolderOf(request.Hash), "checkpoints")));
        Assert.Equal(manifest.RequestHash, catalog.Find(request)!.RequestHash);
        Assert.Single(catalog.List("synthetic"));
        Assert.Empty(catalog.List("another corpus"));
        Assert.NotEqual(request.Hash, Request(input.Corpus.Utterances.Count, temperature: 0.25).Hash);

        // Loading the stored encoder and running it on features gives finite 128-d representations, the same for two loads.
        var folder = catalog.FolderOf(request.Hash);
        var features = input.Features["egemaps"].Take(6).ToList();
        using var first = EncoderSetFiles.LoadEncoder(folder, manifest, "egemaps");
        using var second = EncoderSetFiles.LoadEncoder(folder, manifest, "egemaps");
        using var scope = NewDisposeScope(); // holds the comparisons' temporaries until item() has read them
        using var a = Inference.Representations(first, features, CPU);
        using var b = Inference.Representations(second, features, CPU);
        Assert.Equal([6L, 128L], a.shape);
        Assert.True(a.isfinite().all().item<bool>());
        Assert.True(a.eq(b).all().item<bool>());
    }

    [Fact]
    public void AnAlteredWeightsFileOrAMissingViewIsRefused()
    {
        var input = ProtocolRunnerTests.SyntheticInput(seed: 12);
        var request = Request(input.Corpus.Utterances.Count);
        var folder = Path.Combine(_data, "set");
        var manifest = new EncoderSetTrainer(CPU).Train("set", request, input.Features, folder);

        Assert.Contains("no 'wav2vec2' encoder", Assert.Throws<ArgumentException>(() => EncoderSetFiles.LoadEncoder(folder, manifest, "wav2vec2")).Message);
        var weights = Path.Combine(folder, EncoderSetFiles.EncoderPath("mel"));
        var bytes = File.ReadAllBytes(weights);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(weights, bytes);
        Assert.Contains("does not match its recorded hash", Assert.Throws<InvalidDataException>(() => EncoderSetFiles.LoadEncoder(folder, manifest, "mel")).Message);
    }

    [Fact]
    public void ARequestNamesEveryProblemAtOnce()
    {
        var request = Request(10, temperature: -1) with { Views = ["mel"] };
        var problems = request.Problems();
        Assert.Contains(problems, p => p.Contains("two views", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("at least 20 utterances", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("temperature", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new EncoderSetTrainer(CPU).Train("x", request, new Dictionary<string, IReadOnlyList<Core.Views.FeatureMatrix>>(), _data));
    }
}
