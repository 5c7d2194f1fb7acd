using PairwiseCL.Core.ActiveLearning;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Progress;
using PairwiseCL.Core.Tests.Experiments;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.ActiveLearning;

[Collection(TorchRandomCollection.Name)]
public sealed class ActiveLearningSimulationTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("pwcl-active-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static ActiveLearningConfiguration Small() =>
        ActiveLearningConfiguration.Quick(["mel", "egemaps"]) with
        {
            Strategies = [SelectionStrategies.Random, SelectionStrategies.Diversity, SelectionStrategies.Hybrid],
            RoundSize = 4, Budget = 12, Repeats = 2,
            Pretraining = new PretrainingConfig(MaxEpochs: 2, Patience: 2, BatchSize: 32),
        };

    [Fact]
    public void TheSimulationIsReproducibleForASeedAndCountsEachDistinctCurveOnce()
    {
        var input = ProtocolRunnerTests.SyntheticInput(seed: 6);
        var progress = new List<ProtocolProgress>();
        var soFar = new List<CurvesSoFar>();

        var first = new ActiveLearningSimulation(Path.Combine(_work, "a"), device: TorchSharp.torch.CPU)
            .Run(Small(), input, new InlineProgress<ProtocolProgress>(progress.Add), curvesSoFar: new InlineProgress<CurvesSoFar>(soFar.Add));
        var again = new ActiveLearningSimulation(Path.Combine(_work, "b"), device: TorchSharp.torch.CPU).Run(Small(), input);

        Assert.Equal(first.Runs, again.Runs);
        Assert.Equal(progress[^1].Total, progress[^1].Done);
        // 4 folds × 2 views × 3 counts: random and hybrid twice (repeats), diversity once (deterministic), the oracle twice.
        Assert.Equal(4 * 2 * 3 * (2 + 2 + 1 + 2), first.Runs.Count);
        Assert.Equal([4, 8, 12], first.Runs.Select(r => r.Labelled).Distinct().Order());
        Assert.All(first.Runs, r => Assert.InRange(r.Uar, 0, 1));
        Assert.Equal(4, first.Pools.Count);
        Assert.All(first.Pools, p => Assert.True(p.PoolClips > 12 && p.TestClips > 0, p.ToString()));
        // Provisional curves after each fold × view × repeat block, each a prefix of the final points, every strategy
        // curve in it with its block's stratified reference (so paired areas can be drawn while the simulation runs).
        Assert.Equal(Enumerable.Range(1, 16), soFar.Select(s => s.BlocksFinished));
        Assert.All(soFar, s => Assert.Equal(4 * 2 * 2, s.BlocksPlanned));
        Assert.All(soFar, s => Assert.Equal(first.Runs.Take(s.Runs.Count), s.Runs));
        Assert.Equal(first.Runs, soFar[^1].Runs);
        Assert.All(soFar, s => Assert.All(s.Runs.Where(r => r.Strategy != ActiveLearningSimulation.StratifiedReference), r =>
            Assert.Contains(s.Runs, x => x.Strategy == ActiveLearningSimulation.StratifiedReference && (x.View, x.Fold, x.Repeat) == (r.View, r.Fold, r.Repeat))));
        // A different seed draws other random picks.
        var other = new ActiveLearningSimulation(Path.Combine(_work, "c"), device: TorchSharp.torch.CPU).Run(Small() with { Seed = 1 }, input);
        Assert.NotEqual(first.Runs.Where(r => r.Strategy == SelectionStrategies.Random), other.Runs.Where(r => r.Strategy == SelectionStrategies.Random));
    }

    [Fact]
    public void NoTestSessionClipIsEverInAPool()
    {
        var input = ProtocolRunnerTests.SyntheticInput(seed: 7);
        var index = input.Corpus.Utterances.Select((u, i) => (u.Id, i)).ToDictionary(x => x.Id, x => x.i);
        foreach (var scheme in new[] { FoldScheme.LeaveOneSessionOut, FoldScheme.LeaveOneSpeakerOut })
        foreach (var fold in LeaveOneSessionOutFolds.Create(input.Corpus.Utterances, scheme))
        {
            var pool = ActiveLearningSimulation.PoolOf(new FoldData(fold, input, index));
            Assert.NotEmpty(pool);
            Assert.DoesNotContain(pool, p => fold.Test.Any(t => t.Id == p.Utterance.Id));
            Assert.All(pool, p => Assert.True(input.FineTuneLabels.ClassIndexOf(p.Utterance) >= 0));
            // Every labelled clip outside the test session is in the pool.
            Assert.Equal(fold.Train.Concat(fold.Validation).Count(u => input.FineTuneLabels.ClassIndexOf(u) >= 0), pool.Count);
        }
    }

    [Fact]
    public void TheReportFolderHoldsTablesCurvesAndFigures()
    {
        var report = new ActiveLearningSimulation(_work, device: TorchSharp.torch.CPU)
            .Run(Small() with { Views = ["egemaps", "mel"], Repeats = 1 }, ProtocolRunnerTests.SyntheticInput(seed: 8));
        var folder = Path.Combine(_work, "report");

        var written = ActiveLearningReportWriter.Write(report, folder);

        Assert.Contains(Path.Combine("figures", "learning_curves_mel.png"), written);
        Assert.True(new FileInfo(Path.Combine(folder, "figures", "learning_curves_egemaps.png")).Length > 1000);
        var markdown = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Contains("| diversity |", markdown);
        Assert.Contains("| stratified (oracle) |", markdown);
        Assert.Contains("labels to reach reference", markdown);
        var curves = File.ReadAllLines(Path.Combine(folder, "curves.csv"));
        Assert.Equal("view,strategy,labelled,uar_mean,uar_ci95,runs", curves[0]);
        Assert.Equal(1 + 2 * 4 * 3, curves.Length); // header + 2 views × (3 strategies + oracle) × 3 counts
    }

    [Fact]
    public void CancellationStopsTheSimulation()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new ActiveLearningSimulation(_work, device: TorchSharp.torch.CPU)
            .Run(Small(), ProtocolRunnerTests.SyntheticInput(seed: 2), cancellationToken: cancellation.Token));
    }
}
