using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Progress;
using PairwiseCL.Core.Selection;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;
using static TorchSharp.torch;

namespace PairwiseCL.Core.ActiveLearning;

/// <summary>One simulated labelling loop's score after some number of labels.</summary>
/// <param name="Strategy">A strategy's name, or <see cref="ActiveLearningSimulation.StratifiedReference"/>.</param>
public sealed record CurveRun(string View, string Strategy, int Fold, string TestSession, int Repeat, int Labelled, double Uar);

/// <summary>What a simulation produced: every curve point, and what it ran on.</summary>
public sealed record ActiveLearningReport(
    string Title, string Configuration, IReadOnlyList<string> ClassNames, IReadOnlyList<CurveRun> Runs,
    IReadOnlyList<FoldPool> Pools, TimeSpan Elapsed);

/// <summary>
/// The curve points a running simulation has so far: told after each (fold, view, repeat) block, whose strategies'
/// curves and their stratified reference are then all in <see cref="Runs"/>, so paired areas can be computed from it.
/// </summary>
public sealed record CurvesSoFar(IReadOnlyList<CurveRun> Runs, int BlocksFinished, int BlocksPlanned);

/// <summary>A fold's pool and test session as the simulation used them.</summary>
public sealed record FoldPool(int Fold, string TestSession, int PoolClips, int TestClips, int PretrainingUtterances);

/// <summary>Runs <see cref="ActiveLearningConfiguration"/>'s simulation on a labelled corpus.</summary>
public sealed class ActiveLearningSimulation(string workFolder, ILogger<ActiveLearningSimulation>? logger = null, Device? device = null)
{
    /// <summary>The paper's stratified random sampling at the same counts: an oracle reference line, not a strategy.</summary>
    public const string StratifiedReference = "stratified (oracle)";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly ILogger _logger = logger ?? NullLogger<ActiveLearningSimulation>.Instance;
    private readonly Device _device = device ?? TrainingDevice.Default;

    /// <param name="curvesSoFar">Told the curve points so far after each fold × view × repeat block (a skipped fold's
    /// blocks count as finished), so a page can draw provisional curves during a long simulation.</param>
    public ActiveLearningReport Run(ActiveLearningConfiguration configuration, ProtocolInput input,
        IProgress<ProtocolProgress>? progress = null, CancellationToken cancellationToken = default, IProgress<CurvesSoFar>? curvesSoFar = null)
    {
        configuration.Validate();
        ValidateInput(configuration, input);
        var clock = Stopwatch.StartNew();
        var key = ConfigurationHash.Of(new { configuration, corpus = input.Corpus.Name, labels = input.FineTuneLabels, count = input.Corpus.Utterances.Count });
        var folder = Path.Combine(workFolder, "active-learning", key);
        Directory.CreateDirectory(folder);

        var index = input.Corpus.Utterances.Select((u, i) => (u, i)).ToDictionary(x => x.u.Id, x => x.i);
        var folds = LeaveOneSessionOutFolds.Create(input.Corpus.Utterances, configuration.Folds);
        var loopsPerFold = configuration.Views.Count * configuration.Repeats * (configuration.Strategies.Count + 1);
        var pretrainingUnits = Math.Max(1, loopsPerFold / 2);
        var estimate = new RemainingTimeEstimate();
        estimate.Plan(ProgressTracker.PretrainingEpoch, folds.Count * configuration.Pretraining.MaxEpochs);
        foreach (var view in configuration.Views)
            estimate.Plan(Simulating(view), folds.Count * configuration.Repeats * (configuration.Strategies.Count + 1), family: "simulation");
        var tracker = new ProgressTracker(folds.Count * (pretrainingUnits + loopsPerFold), estimate, clock, progress);
        var runs = new List<CurveRun>();
        var pools = new List<FoldPool>();
        var classNames = input.FineTuneLabels.Classes;
        var blocksPerFold = configuration.Views.Count * configuration.Repeats;
        var blocksFinished = 0;
        void FinishBlocks(int count)
        {
            blocksFinished += count;
            curvesSoFar?.Report(new CurvesSoFar([.. runs], blocksFinished, folds.Count * blocksPerFold));
        }

        foreach (var fold in folds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var data = new FoldData(fold, input, index);
            var poolItems = PoolOf(data);
            var testItems = data.LabelledTest;
            if (poolItems.Count < 2 || testItems.Count == 0 || fold.Validation.Count < 2)
            {
                _logger.LogWarning("Fold {Fold}: {Pool} pool clips and {Test} test clips; skipped.", fold.Index, poolItems.Count, testItems.Count);
                tracker.Skipped([(ProgressTracker.PretrainingEpoch, configuration.Pretraining.MaxEpochs),
                    .. configuration.Views.Select(v => (Simulating(v), configuration.Repeats * (configuration.Strategies.Count + 1)))],
                    pretrainingUnits + loopsPerFold, $"fold {fold.Index + 1}: skipped (too few clips)");
                FinishBlocks(blocksPerFold);
                continue;
            }
            tracker.Step($"fold {fold.Index + 1}/{folds.Count}: pre-training on the training sessions (labels unused)");
            var pretrainingData = data.PretrainingDataset(fold.Train, "all", configuration.Views);
            using var pretrained = new Pretrainer(_device).Run(configuration.Views, configuration.Architecture,
                pretrainingData, data.Dataset(fold.Validation, configuration.Views),
                configuration.Pretraining with { Seed = StableSeed.Of(configuration.Seed, fold.Index, 1) },
                Path.Combine(folder, "checkpoints", $"fold{fold.Index}"), tracker.PretrainingEpochs(), cancellationToken).Model;
            tracker.PretrainingFinished(configuration.Pretraining.MaxEpochs, pretrainingUnits);
            pools.Add(new FoldPool(fold.Index, fold.TestSession, poolItems.Count, testItems.Count, pretrainingData.Count));

            foreach (var view in configuration.Views)
            {
                var (pool, test) = Represent(pretrained.Encoder(view), data, view, poolItems, testItems, configuration.Pretraining.Padding, cancellationToken);
                for (var repeat = 0; repeat < configuration.Repeats; repeat++)
                {
                    var seed = StableSeed.Of(configuration.Seed, fold.Index, repeat);
                    foreach (var strategy in configuration.Strategies)
                    {
                        // A deterministic strategy picks the same clips in every repeat: one run per fold, so its CI
                        // counts each distinct curve once instead of shrinking with copies.
                        if (repeat > 0 && !SelectionStrategies.IsRandomised(strategy))
                        {
                            tracker.Skipped([(Simulating(view), 1)], 1);
                            continue;
                        }
                        tracker.Step($"fold {fold.Index + 1}/{folds.Count}: {view}, {strategy}, repeat {repeat + 1}");
                        tracker.WorkStarting();
                        var curve = LearningCurveSimulator.Simulate(pool, test, classNames, SelectionStrategies.Create(strategy, seed),
                            configuration.RoundSize, configuration.Budget, cancellationToken);
                        runs.AddRange(curve.Select(p => new CurveRun(view, strategy, fold.Index, fold.TestSession, repeat, p.Labelled, p.Uar)));
                        tracker.WorkFinished(Simulating(view));
                    }
                    tracker.WorkStarting();
                    foreach (var count in configuration.Counts(pool.Count))
                    {
                        var chosen = StratifiedCountSampler.Sample(pool.Labels, count, seed);
                        runs.Add(new CurveRun(view, StratifiedReference, fold.Index, fold.TestSession, repeat, count,
                            LearningCurveSimulator.Score(pool, chosen, test, classNames.Count)));
                    }
                    tracker.WorkFinished(Simulating(view));
                    FinishBlocks(1);
                }
            }
        }
        tracker.Step("done");
        return new ActiveLearningReport($"Active-learning simulation on {input.Corpus.Name}", JsonSerializer.Serialize(configuration, Json),
            classNames, runs, pools, clock.Elapsed);
    }

    /// <summary>
    /// The clips a lab would label: every labelled clip of the fold's non-test sessions (training and validation;
    /// the loop needs no early stopping). The test session is never part of a pool.
    /// </summary>
    internal static IReadOnlyList<(Utterance Utterance, int ClassIndex)> PoolOf(FoldData data)
    {
        var pool = data.LabelledTrain.Concat(data.LabelledValidation).ToList();
        var testIds = data.Fold.Test.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        if (pool.Any(p => testIds.Contains(p.Utterance.Id)))
            throw new InvalidOperationException($"Fold {data.Fold.Index}: a test-session clip reached the pool.");
        return pool;
    }

    private static string Simulating(string view) => $"learning curve {view}";

    private (RepresentedClips Pool, RepresentedClips Test) Represent(ViewEncoder encoder, FoldData data, string view,
        IReadOnlyList<(Utterance Utterance, int ClassIndex)> poolItems, IReadOnlyList<(Utterance Utterance, int ClassIndex)> testItems,
        BatchPadding padding, CancellationToken cancellationToken)
    {
        var pool = RepresentationRows.Of(encoder, poolItems.Select(p => data.FeaturesOf(p.Utterance, view)).ToList(), _device, padding, cancellationToken);
        var test = RepresentationRows.Of(encoder, testItems.Select(p => data.FeaturesOf(p.Utterance, view)).ToList(), _device, padding, cancellationToken);
        // Standardised with the pool's statistics (no labels needed), so one regularisation strength suits every view.
        var (mean, scale) = RepresentationRows.Standardisation(pool);
        return (new RepresentedClips(pool.Select(r => RepresentationRows.Standardise(r, mean, scale)).ToList(), poolItems.Select(p => p.ClassIndex).ToList(), poolItems.Select(p => p.Utterance.Speaker).ToList()),
            new RepresentedClips(test.Select(r => RepresentationRows.Standardise(r, mean, scale)).ToList(), testItems.Select(p => p.ClassIndex).ToList(), testItems.Select(p => p.Utterance.Speaker).ToList()));
    }

    private static void ValidateInput(ActiveLearningConfiguration configuration, ProtocolInput input)
    {
        foreach (var view in configuration.Views)
        {
            if (!input.Features.TryGetValue(view, out var features))
                throw new ArgumentException($"No features for view '{view}'; extract it first.");
            if (features.Count != input.Corpus.Utterances.Count)
                throw new ArgumentException($"View '{view}' has {features.Count} feature matrices for {input.Corpus.Utterances.Count} utterances.");
        }
        if (input.FineTuneLabels.Classes.Count < 2)
            throw new ArgumentException($"Label set '{input.FineTuneLabels.Name}' has fewer than two classes.");
    }
}
