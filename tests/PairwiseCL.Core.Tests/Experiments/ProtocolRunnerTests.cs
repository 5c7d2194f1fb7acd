using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;
using PairwiseCL.Core.Tests.TestSupport;
using PairwiseCL.Core.Progress;

namespace PairwiseCL.Core.Tests.Experiments;

[Collection(TorchRandomCollection.Name)]
public sealed class ProtocolRunnerTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("pwcl-protocol-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void SeparableTwoViewDataGivesEveryPlannedRun_IdenticalWhenRepeatedOrResumedInOneProcess()
    {
        var input = SyntheticInput(seed: 5);
        var configuration = SmallConfiguration();
        var reports = new List<ProtocolProgress>();
        var finished = new List<RunProgress>();

        var first = new ProtocolRunner(Path.Combine(_work, "a"), device: TorchSharp.torch.CPU) { RunsFinished = new InlineProgress<RunProgress>(finished.Add) }
            .Run(configuration, input, new InlineProgress<ProtocolProgress>(reports.Add));

        // 4 sessions -> 4 folds; 2 views x 1 fraction x 1 repeat x 3 methods per fold.
        Assert.Equal(4 * 2 * 3, first.Runs.Count);
        Assert.Equal(reports[^1].Total, reports[^1].Done);
        // Each run is told as it finishes (for provisional results), counting up to the planned total.
        Assert.Equal(first.Runs, finished.Select(f => f.Run));
        Assert.Equal(Enumerable.Range(1, first.Runs.Count), finished.Select(f => f.Finished));
        Assert.All(finished, f => Assert.Equal(first.Runs.Count, f.Planned));
        // The time left is known once each kind of work has run, and nothing is left at the end.
        Assert.Contains(reports, r => r.EstimatedRemaining is null);
        Assert.Contains(reports, r => r.EstimatedRemaining > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, reports[^1].EstimatedRemaining);
        // Epoch-level detail of pre-training and fine-tuning passes through; reports between trainings carry none.
        Assert.Contains(reports, r => r.Epoch is { Phase: "pre-training", Epoch: 1 });
        Assert.Contains(reports, r => r.Epoch is { Phase: "fine-tuning", ValidationUar: not null });
        Assert.Null(reports[^1].Epoch);
        Assert.All(first.Runs, r => Assert.InRange(r.Uar, 0, 1));
        // Every run carries its per-epoch curves, one record per epoch it trained.
        Assert.All(first.Runs, r => Assert.Equal(r.Epochs, r.History.Count));
        Assert.All(first.Runs.Where(r => r.Method != MethodNames.PairwiseFrozen), r => Assert.All(r.History, h => Assert.True(double.IsFinite(h.TrainLoss))));
        var egemapsSupervised = first.Runs.Where(r => r.View == "egemaps" && r.Method == MethodNames.Supervised).Average(r => r.Uar);
        Assert.True(egemapsSupervised > 0.8, $"supervised eGeMAPS UAR {egemapsSupervised} on separable data");
        Assert.All(first.Runs.Where(r => r.Method != MethodNames.Supervised), r => Assert.Equal("all", r.PretrainingSet));
        Assert.Equal(new[] { "01", "02", "03", "04" }, first.Runs.Select(r => r.TestSession).Distinct().Order().ToArray());

        // Analysis on the first fold: three encoder states per view, and one PWCCA row per state for the view pair.
        Assert.Equal(6, first.Embeddings.Count);
        Assert.Equal(3, first.Pwcca.Count);
        Assert.All(first.Pwcca, p => Assert.InRange(p.Pwcca, 0, 1.000001));
        Assert.Contains(first.LossCurves, c => c.Name.StartsWith("pre-training", StringComparison.Ordinal));

        var again = new ProtocolRunner(Path.Combine(_work, "b"), device: TorchSharp.torch.CPU).Run(configuration, input);
        Assert.Equal(Metrics(first.Runs), Metrics(again.Runs));

        var resumed = new ProtocolRunner(Path.Combine(_work, "a"), device: TorchSharp.torch.CPU).Run(configuration, input);
        Assert.Equal(Metrics(first.Runs), Metrics(resumed.Runs));
        // Runs read back from the work folder keep their curves.
        Assert.All(resumed.Runs, r => Assert.Equal(r.Epochs, r.History.Count));
    }

    [Fact]
    public void OutOfDistributionAndTemperatureGridAddTheirRuns()
    {
        var configuration = SmallConfiguration() with
        {
            Methods = [MethodNames.PairwiseFrozen], TemperatureGrid = [0.25, 0.5], OutOfDistribution = true, Analysis = false,
        };
        var report = new ProtocolRunner(_work, device: TorchSharp.torch.CPU).Run(configuration, SyntheticInput(seed: 9));
        // Per fold and view: tau 0.5 on all, tau 0.25 on all, tau 0.5 on target, tau 0.5 on other.
        Assert.Equal(4 * 2 * 4, report.Runs.Count);
        Assert.Equal(new[] { "all", "other", "target" }, report.Runs.Select(r => r.PretrainingSet).Distinct().Order().ToArray());
        Assert.Equal(new[] { 0.25, 0.5 }, report.Runs.Select(r => r.Temperature).Distinct().Order().ToArray());
    }

    [Fact]
    public void MissingFeaturesAndAbsurdSettingsAreRefusedBeforeAnyTraining()
    {
        var input = SyntheticInput(seed: 1);
        var runner = new ProtocolRunner(_work, device: TorchSharp.torch.CPU);
        var noMel = input with { Features = input.Features.Where(kv => kv.Key != "mel").ToDictionary() };
        Assert.Contains("mel", Assert.Throws<ArgumentException>(() => runner.Run(SmallConfiguration(), noMel)).Message);
        Assert.Throws<ArgumentException>(() => runner.Run(SmallConfiguration() with { FractionsPercent = [0] }, input));
        Assert.Throws<ArgumentException>(() => runner.Run(SmallConfiguration() with { Views = ["mel"] }, input));
        Assert.Contains("fear", Assert.Throws<ArgumentException>(() =>
            runner.Run(SmallConfiguration(), input with { FineTuneLabels = new LabelSet("x", ["anger", "fear"]) })).Message);
    }

    [Fact]
    public void AnUnlabelledPretrainingCorpusJoinsEveryFoldsPretrainingButNeverFineTunes()
    {
        var input = SyntheticInput(seed: 3);
        var other = SyntheticInput(seed: 4);
        var unlabelled = other.Corpus with
        {
            Name = "unlabelled",
            Utterances = other.Corpus.Utterances.Select(u => u with { Id = "x-" + u.Id, Label = null, Session = "99" }).ToList(),
        };
        var withExtra = input with { AdditionalPretraining = new AdditionalPretraining(unlabelled, other.Features) };

        var fold = LeaveOneSessionOutFolds.Create(input.Corpus.Utterances)[0];
        var index = input.Corpus.Utterances.Select((u, i) => (u.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var data = new FoldData(fold, withExtra, index);
        var (train, _) = data.PretrainingSets("all");
        Assert.Equal(fold.Train.Count + unlabelled.Utterances.Count, data.PretrainingDataset(train, "all", ["mel", "egemaps"]).Count);
        var (target, _) = data.PretrainingSets("target");
        Assert.Equal(target.Count, data.PretrainingDataset(target, "target", ["mel", "egemaps"]).Count);

        var configuration = SmallConfiguration() with { Methods = [MethodNames.PairwiseFrozen], Analysis = false };
        var report = new ProtocolRunner(_work, device: TorchSharp.torch.CPU).Run(configuration, withExtra);
        Assert.Equal(4 * 2, report.Runs.Count);                       // fine-tuning and tests only on the main corpus
        Assert.All(report.Runs, r => Assert.NotEqual("99", r.TestSession));
        var plain = new ProtocolRunner(_work, device: TorchSharp.torch.CPU).Run(configuration, input);
        Assert.NotEqual(Metrics(plain.Runs), Metrics(report.Runs));    // the extra utterances changed the encoders

        var missing = withExtra with { AdditionalPretraining = new AdditionalPretraining(unlabelled, new Dictionary<string, IReadOnlyList<FeatureMatrix>>()) };
        Assert.Contains("unlabelled", Assert.Throws<ArgumentException>(() => new ProtocolRunner(_work).Run(configuration, missing)).Message);
    }

    [Fact]
    public void CancellationStopsTheProtocol()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new ProtocolRunner(_work, device: TorchSharp.torch.CPU).Run(SmallConfiguration(), SyntheticInput(seed: 2), cancellationToken: cancellation.Token));
    }

    [Fact]
    public void EveryPartRunSeparately_ThenTheWhole_GivesTheOneRunReport_WithoutTrainingAnythingTwice()
    {
        var input = SyntheticInput(seed: 5);
        var configuration = SmallConfiguration() with { Analysis = false };
        var reports = new List<ProtocolProgress>();
        var one = new ProtocolRunner(Path.Combine(_work, "one"), device: TorchSharp.torch.CPU).Run(configuration, input, new InlineProgress<ProtocolProgress>(reports.Add));

        var parts = ProtocolRunner.Parts(configuration, input);
        // 4 folds x (1 pre-training + 2 views x 1 fraction); together they are the whole protocol's work.
        Assert.Equal(4 * 3, parts.Count);
        Assert.Equal(reports[^1].Total, parts.Sum(p => p.Units));
        var separately = Path.Combine(_work, "parts");
        // Pre-trainings first (a fine-tuning part restores its fold's), otherwise in any order; one part delivered twice.
        foreach (var part in parts.OrderBy(p => p.Kind).ThenByDescending(p => p.Fold).Append(parts[^1]))
        {
            var partReports = new List<ProtocolProgress>();
            var report = new ProtocolRunner(separately, device: TorchSharp.torch.CPU).Run(configuration, input, new InlineProgress<ProtocolProgress>(partReports.Add), part: part);
            Assert.All(report.Runs, r => Assert.True(part.Covers(r.View, r.FractionPercent) && r.Fold == part.Fold, $"{r.View} {r.Fold} in {part.Describe()}"));
            Assert.Equal(part.Kind == ProtocolPartKind.Pretraining ? 0 : 3, report.Runs.Count);
            Assert.Equal(part.Units, partReports[^1].Total);
            Assert.Equal(part.Units, partReports[^1].Done);
        }
        Assert.Equal(one.Runs.Count, Directory.GetFiles(separately, "*.json", SearchOption.AllDirectories).Count(f => Path.GetFileName(Path.GetDirectoryName(f)) == "runs"));

        var wholeReports = new List<ProtocolProgress>();
        var whole = new ProtocolRunner(separately, device: TorchSharp.torch.CPU).Run(configuration, input, new InlineProgress<ProtocolProgress>(wholeReports.Add));
        Assert.Equal(Metrics(one.Runs), Metrics(whole.Runs));
        // Every run was found stored and every pre-training restored from its finished checkpoint: no epoch trained.
        Assert.DoesNotContain(wholeReports, r => r.Epoch is not null);
    }

    private static ProtocolConfiguration SmallConfiguration() =>
        ProtocolConfiguration.Quick(["mel", "egemaps"]) with
        {
            FractionsPercent = [100], Repeats = 1, TemperatureGrid = [0.5],
            Pretraining = new PretrainingConfig(MaxEpochs: 4, Patience: 4, BatchSize: 32),
            FineTuning = new FineTuningConfig(MaxEpochs: 15, Patience: 15, BatchSize: 32),
        };

    private static double[] Metrics(IEnumerable<RunResult> runs) =>
        runs.OrderBy(r => (r.View, r.Method, r.Fold, r.Temperature)).SelectMany(r => new[] { r.Uar, r.Wa }).ToArray();

    /// <summary>
    /// Four sessions of three emotions plus an "other" emotion that only pre-trains; both views carry the
    /// class in their mean (eGeMAPS-like vectors, a mel-like band pattern) under noise.
    /// </summary>
    internal static ProtocolInput SyntheticInput(int seed)
    {
        var random = new Random(seed);
        string[] emotions = ["anger", "sadness", "happiness", "boredom"];
        var utterances = new List<Utterance>();
        var egemaps = new List<FeatureMatrix>();
        var mel = new List<FeatureMatrix>();
        var centres = emotions.Select(_ => Enumerable.Range(0, 88).Select(_ => random.NextDouble() * 4 - 2).ToArray()).ToArray();
        for (var session = 1; session <= 4; session++)
        for (var i = 0; i < 16; i++)
        {
            var emotion = i % 4;
            utterances.Add(new Utterance($"s{session}-{i}", $"s{session}-{i}.wav", 1.0, $"spk{session}", $"0{session}", emotions[emotion]));
            egemaps.Add(FeatureMatrix.Vector(centres[emotion].Select(c => (float)(c + 0.3 * Gaussian(random))).ToArray()));
            const int frames = 24;
            var data = new float[64 * frames];
            for (var band = 0; band < 64; band++)
            for (var t = 0; t < frames; t++)
                data[band * frames + t] = (float)((band / 16 == emotion ? 2.0 : 0.0) + 0.5 * Gaussian(random));
            mel.Add(new FeatureMatrix([64, frames], data, frames - i % 3));
        }
        var corpus = new Corpus("synthetic", "/nonexistent", utterances, []);
        return new ProtocolInput(corpus, new LabelSet("three", ["anger", "sadness", "happiness"]),
            new Dictionary<string, IReadOnlyList<FeatureMatrix>> { ["egemaps"] = egemaps, ["mel"] = mel });
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

}
