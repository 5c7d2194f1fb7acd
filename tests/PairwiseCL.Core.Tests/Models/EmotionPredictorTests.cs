using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Tests.Experiments;
using PairwiseCL.Core.Tests.TestSupport;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;
using PairwiseCL.Core.Views.Mel;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.Models;

[Collection(TorchRandomCollection.Name)]
public sealed class EmotionPredictorTests
{
    private static readonly string[] Classes = ["anger", "sadness", "happiness"];

    [Fact]
    public void ProtocolSavesOneModelPerViewAndMethodThatClassifiesSeparableDataAgain()
    {
        using var work = new TempFolder();
        var input = ProtocolRunnerTests.SyntheticInput(seed: 5) with
        {
            ViewConfigurationKeys = new Dictionary<string, string> { ["egemaps"] = "egemaps-key", ["mel"] = "mel-key" },
        };
        var configuration = ProtocolConfiguration.Quick(["mel", "egemaps"]) with
        {
            Methods = [MethodNames.Supervised, MethodNames.PairwiseFrozen], FractionsPercent = [50, 100], Repeats = 1,
            TemperatureGrid = [0.5], Analysis = false,
            Pretraining = new PretrainingConfig(MaxEpochs: 3, Patience: 3, BatchSize: 32),
            FineTuning = new FineTuningConfig(MaxEpochs: 15, Patience: 15, BatchSize: 32),
        };

        var report = new ProtocolRunner(work.Path, device: CPU, saveModels: true).Run(configuration, input);

        Assert.NotNull(report.Models);
        Assert.Equal(new[] { "egemaps-pairwise-frozen", "egemaps-supervised", "mel-pairwise-frozen", "mel-supervised" },
            report.Models.Select(m => m.Configuration.Name).Order().ToArray());
        Assert.All(report.Models, m =>
        {
            Assert.True(ModelFiles.Exists(m.Folder));
            Assert.Equal(100, m.Configuration.FractionPercent);
            Assert.Equal(Classes, m.Configuration.ClassNames);
            Assert.Equal($"{m.Configuration.View}-key", m.Configuration.ViewConfigurationKey);
        });

        var egemaps = report.Models.Single(m => m.Configuration.Name == "egemaps-supervised");
        using var predictor = EmotionPredictor.Open(egemaps.Folder, new NamedView("egemaps", "egemaps-key"), device: CPU);
        var labelled = input.Corpus.Utterances.Select((u, i) => (u, i)).Where(x => Classes.Contains(x.u.Label)).ToList();
        var correct = labelled.Count(x => predictor.Predict(input.Features["egemaps"][x.i]).Predicted == x.u.Label);
        Assert.True(correct > 0.8 * labelled.Count, $"{correct} of {labelled.Count} separable utterances classified right");

        var resumed = new ProtocolRunner(work.Path, device: CPU, saveModels: true).Run(configuration, input);
        Assert.Equal(report.Models.Select(m => m.Folder).Order(), resumed.Models!.Select(m => m.Folder).Order());
    }

    [Fact]
    public void AudioFileGivesDeterministicProbabilitiesThatSumToOne()
    {
        using var folder = new TempFolder();
        var view = new LogMelView();
        SaveFreshModel(folder.Path, view.ConfigurationKey);
        var wav = folder.File("tone.wav");
        WavWriter.WritePcm16(wav, new AudioClip(Enumerable.Range(0, 8000).Select(i => (float)(0.3 * Math.Sin(i * 0.2))).ToArray(), 8000));

        using var predictor = EmotionPredictor.Open(folder.Path, device: CPU);
        var first = predictor.Predict(wav);
        var second = predictor.Predict(wav);

        Assert.Equal(Classes, first.Probabilities.Keys);
        Assert.Equal(1.0, first.Probabilities.Values.Sum(), 6);
        Assert.All(first.Probabilities.Values, p => Assert.InRange(p, 0, 1));
        Assert.Equal(first.Probabilities.Values, second.Probabilities.Values);
        Assert.Equal(first.Probabilities.MaxBy(kv => kv.Value).Key, first.Predicted);
    }

    [Fact]
    public void MismatchedViewConfigurationAndNonAudioAreRefused()
    {
        using var folder = new TempFolder();
        SaveFreshModel(folder.Path, "another-configuration");
        Assert.Contains("another-configuration", Assert.Throws<InvalidOperationException>(() => EmotionPredictor.Open(folder.Path, device: CPU)).Message);

        using var matching = new TempFolder();
        SaveFreshModel(matching.Path, new LogMelView().ConfigurationKey);
        var text = matching.File("notes.wav");
        File.WriteAllText(text, "this is not audio");
        using var predictor = EmotionPredictor.Open(matching.Path, device: CPU);
        Assert.Throws<AudioFormatException>(() => predictor.Predict(text));
    }

    private static void SaveFreshModel(string folder, string viewKey)
    {
        var architecture = ModelArchitecture.Paper;
        using var model = new EmotionClassifier(architecture.CreateEncoder("mel"), Classes.Length);
        ModelFiles.Save(model, new ModelConfiguration("mel-supervised", "mel", viewKey, MethodNames.Supervised, architecture, Classes, 100, 0.5), folder);
    }

    /// <summary>Stands in for a view whose features the test already has.</summary>
    private sealed class NamedView(string name, string key) : IFeatureView
    {
        public string Name => name;
        public string ConfigurationKey => key;
        public int SampleRate => 16000;
        public IReadOnlyList<int> OutputShape => [88];
        public FeatureMatrix Extract(AudioClip clip, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The test passes features directly.");
    }
}
