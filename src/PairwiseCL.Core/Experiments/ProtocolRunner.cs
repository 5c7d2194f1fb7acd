using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PairwiseCL.Core.Analysis;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Evaluation;
using PairwiseCL.Core.Files;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Reports;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Experiments;

/// <summary>
/// Runs the paper's protocol: for every leave-one-session-out fold, Pairwise-CL pre-training of all views on
/// the fold's training sessions (every utterance, labelled or not), then for every view, label fraction and
/// repeat the supervised baseline and the pre-trained encoder fine-tuned tuned and frozen on the same
/// labelled subset, early-stopped on the validation session and scored on the test session. Finished runs
/// are stored in the work folder under the configuration's hash and skipped when the protocol is run again,
/// and pre-training resumes from its checkpoints, so an interrupted protocol continues where it stopped.
/// With <paramref name="saveModels"/>, one fine-tuned model per view and method (first fold, first repeat,
/// largest fraction, pre-trained on all utterances at the sweep's temperature) is saved under models/ in
/// the work folder and listed in <see cref="ReportContent.Models"/>.
/// </summary>
public sealed class ProtocolRunner(string workFolder, ILogger<ProtocolRunner>? logger = null, Device? device = null, bool saveModels = false)
{
    /// <summary>Told of every fine-tuning run as it finishes or is found stored, for provisional results.</summary>
    public IProgress<RunProgress>? RunsFinished { get; init; }

    private const string PretrainedOnAll = "all", PretrainedOnTarget = "target", PretrainedOnOther = "other", NotPretrained = "none";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly ILogger _logger = logger ?? NullLogger<ProtocolRunner>.Instance;
    private readonly Device _device = device ?? TrainingDevice.Default;

    /// <param name="part">
    /// Only this part of the protocol (<see cref="Parts"/>): one fold's pre-training, or one fold's fine-tuning runs of a
    /// view and fraction, whose pre-trainings must have finished (they are restored from their checkpoints). The report
    /// then holds that part's runs only; null runs everything, restoring what is stored.
    /// </param>
    public ReportContent Run(ProtocolConfiguration configuration, ProtocolInput input,
        IProgress<ProtocolProgress>? progress = null, CancellationToken cancellationToken = default, ProtocolPart? part = null)
    {
        configuration.Validate();
        input.Validate(configuration);
        var clock = Stopwatch.StartNew();
        var folder = Path.Combine(workFolder, FolderKey(configuration, input));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "configuration.json"), JsonSerializer.Serialize(configuration, Json));

        var index = input.Corpus.Utterances.Select((u, i) => (u, i)).ToDictionary(x => x.u.Id, x => x.i);
        var folds = LeaveOneSessionOutFolds.Create(input.Corpus.Utterances, configuration.Folds);
        var plan = new ProtocolPlan(configuration, folds.Count);
        var tracker = new ProgressTracker(part?.Units ?? plan.TotalUnits, plan.Estimate(ProgressTracker.PretrainingEpoch, ProgressTracker.FineTuning), clock, progress);
        var runs = new List<RunResult>();
        var lossCurves = new List<LossCurve>();
        var embeddings = new List<EmbeddingPlot>();
        var pwcca = new List<PwccaRow>();
        var models = new List<DeployableModel>();

        foreach (var fold in folds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (part is not null && part.Fold != fold.Index) continue;
            var data = new FoldData(fold, input, index);
            // A fine-tuning part restores its fold's finished pre-trainings instead of counting them as its work.
            var restoreOnly = part is { Kind: ProtocolPartKind.FineTuning };
            var pretrained = new Dictionary<(string Set, double Tau), PretrainingResult>();
            if (configuration.Methods.Any(MethodNames.NeedsPretraining))
            {
                foreach (var (set, tau) in PretrainingsFor(configuration))
                {
                    if (part is { Kind: ProtocolPartKind.Pretraining } && (part.Set != set || part.Temperature != tau)) continue;
                    var (train, validation) = data.PretrainingSets(set);
                    var trainingData = data.PretrainingDataset(train, set, configuration.Views);
                    if (trainingData.Count < 2 || validation.Count < 2)
                    {
                        _logger.LogWarning("Fold {Fold}: too few utterances to pre-train on '{Set}' ({Train} train, {Validation} validation); skipped.", fold.Index, set, trainingData.Count, validation.Count);
                        if (!restoreOnly) tracker.Skipped([(ProgressTracker.PretrainingEpoch, plan.PretrainingEpochs)], plan.PretrainingUnits, $"fold {fold.Index}: skipped pre-training on {set}");
                        continue;
                    }
                    tracker.Step($"fold {fold.Index + 1}/{folds.Count}: {(restoreOnly ? "restoring the encoders pre-trained" : "pre-training")} on {set} utterances, tau {tau}");
                    var result = new Pretrainer(_device).Run(configuration.Views, configuration.Architecture,
                        trainingData, data.Dataset(validation, configuration.Views),
                        configuration.Pretraining with { Temperature = tau, Seed = StableSeed.Of(configuration.Seed, fold.Index, 1) },
                        Path.Combine(folder, "checkpoints", $"fold{fold.Index}-{set}-tau{tau}"),
                        restoreOnly ? null : tracker.PretrainingEpochs(), cancellationToken);
                    pretrained[(set, tau)] = result;
                    ThrowIfDiverged($"pre-training on {set} utterances at tau {tau} (fold {fold.Index})", result.History);
                    if (fold.Index == 0 && set == PretrainedOnAll && tau == configuration.Temperature)
                        lossCurves.Add(new LossCurve($"pre-training, tau {tau}", result.History.Select(h => h.TrainLoss).ToArray(), result.History.Select(h => h.ValidationLoss).ToArray()));
                    if (!restoreOnly) tracker.PretrainingFinished(plan.PretrainingEpochs, plan.PretrainingUnits);
                }
            }

            var supervisedModels = new Dictionary<string, EmotionClassifier>();
            foreach (var view in configuration.Views)
            foreach (var fraction in configuration.FractionsPercent)
            for (var repeat = 0; repeat < configuration.Repeats; repeat++)
            {
                if (part is not null && !part.Covers(view, fraction)) continue;
                var seed = StableSeed.Of(configuration.Seed, fold.Index, repeat);
                var subset = LabelFractionSampler.Sample(data.LabelledTrain, fraction / 100.0, seed);
                foreach (var (method, set, tau) in FineTuningsFor(configuration, fraction))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    tracker.Step($"fold {fold.Index + 1}/{folds.Count}: {view} {method} p={fraction}% repeat {repeat + 1}{(set is PretrainedOnAll or NotPretrained ? "" : $" (pre-trained on {set})")}");
                    var runKey = ConfigurationHash.Of(new { view, method, fraction, fold = fold.Index, repeat, seed, tau, set });
                    var stored = Path.Combine(folder, RunsFolder, runKey + ".json");
                    var first = fold.Index == 0 && repeat == 0 && fraction == configuration.FractionsPercent.Max();
                    var keepsModel = configuration.Analysis && method == MethodNames.Supervised && first;
                    var deployable = saveModels && first && set is PretrainedOnAll or NotPretrained && tau == configuration.Temperature
                        ? new ModelConfiguration(ModelConfiguration.NameOf(view, method), view, input.ViewConfigurationKeys?.GetValueOrDefault(view) ?? "",
                            method, configuration.Architecture, input.FineTuneLabels.Classes, fraction, tau)
                        : null;
                    var modelFolder = deployable is null ? null : Path.Combine(folder, "models", deployable.Name);
                    if (!keepsModel && (modelFolder is null || ModelFiles.Exists(modelFolder)) && TryLoad(stored) is { } finished)
                    {
                        runs.Add(finished);
                        RunsFinished?.Report(new RunProgress(finished, runs.Count, plan.FineTuningRuns));
                        if (deployable is not null) models.Add(new DeployableModel(deployable, modelFolder!));
                        tracker.Skipped([(ProgressTracker.FineTuning(view, fraction), 1)], 1);
                        continue;
                    }
                    if (method != MethodNames.Supervised && !pretrained.ContainsKey((set, tau)))
                    {
                        tracker.Skipped([(ProgressTracker.FineTuning(view, fraction), 1)], 1);
                        continue;
                    }
                    tracker.WorkStarting();
                    var (run, tuned) = FineTune(configuration, data, view, method, set, tau, fraction, repeat, seed, subset,
                        method == MethodNames.Supervised ? null : pretrained[(set, tau)], tracker.Epochs(), cancellationToken);
                    runs.Add(run);
                    Save(stored, run);
                    RunsFinished?.Report(new RunProgress(run, runs.Count, plan.FineTuningRuns));
                    if (deployable is not null)
                    {
                        ModelFiles.Save(tuned.Model, deployable, modelFolder!);
                        models.Add(new DeployableModel(deployable, modelFolder!));
                    }
                    if (keepsModel)
                    {
                        supervisedModels[view] = tuned.Model;
                        lossCurves.Add(new LossCurve($"supervised {view}, p={fraction}%",
                            tuned.History.Select(h => h.TrainLoss).ToArray(), tuned.History.Select(h => h.ValidationLoss).ToArray()));
                    }
                    else tuned.Model.Dispose();
                    tracker.WorkFinished(ProgressTracker.FineTuning(view, fraction));
                }
            }

            if (fold.Index == 0 && configuration.Analysis && part is null)
            {
                tracker.Step("analysis: t-SNE and PWCCA on the first fold's test session");
                var analysis = new RepresentationAnalysis(configuration, data, _device);
                embeddings.AddRange(analysis.Embeddings(pretrained.GetValueOrDefault((PretrainedOnAll, configuration.Temperature))?.Model, supervisedModels, cancellationToken));
                pwcca.AddRange(analysis.Pwcca(pretrained.GetValueOrDefault((PretrainedOnAll, configuration.Temperature))?.Model, supervisedModels));
            }
            foreach (var result in pretrained.Values) result.Model.Dispose();
            foreach (var model in supervisedModels.Values) model.Dispose();
        }

        var parameters = ParameterCount.Table(configuration.Architecture, configuration.Views, input.FineTuneLabels.Classes.Count)
            .Select(p => new ParameterRow($"{p.View}: {p.Setup}", p.Frozen, p.Trainable)).ToList();
        tracker.Step("done");
        return new ReportContent($"Pairwise-CL protocol on {input.Corpus.Name}", JsonSerializer.Serialize(configuration, Json),
            input.FineTuneLabels.Classes, runs, pwcca, parameters, embeddings, lossCurves, clock.Elapsed, models);
    }

    /// <summary>Where finished runs are stored in a protocol's folder: one JSON file each, named by the run's configuration hash.</summary>
    public const string RunsFolder = "runs";

    /// <summary>
    /// The name of the protocol's folder under the work folder (its configuration, checkpoints, models and
    /// <see cref="RunsFolder"/>), the same on every host that runs a part of it.
    /// </summary>
    public static string FolderKey(ProtocolConfiguration configuration, ProtocolInput input) =>
        // Analysis changes no run, so runs and checkpoints are shared with and without it: asking for the
        // analysis afterwards resumes everything and only trains what the analysis needs.
        ConfigurationHash.Of(new
        {
            configuration = configuration with { Analysis = false }, corpus = input.Corpus.Name, labels = input.FineTuneLabels, count = input.Corpus.Utterances.Count,
            pretrainingCorpus = input.AdditionalPretraining?.Corpus.Name, pretrainingCount = input.AdditionalPretraining?.Corpus.Utterances.Count,
        });

    /// <summary>How many fine-tuning runs the whole protocol plans (the count <see cref="RunsFinished"/> reports).</summary>
    public static int PlannedRuns(ProtocolConfiguration configuration, ProtocolInput input) =>
        new ProtocolPlan(configuration, LeaveOneSessionOutFolds.Create(input.Corpus.Utterances, configuration.Folds).Count).FineTuningRuns;

    /// <summary>A stored run, or null when the file is absent or not a whole run (a run interrupted while saving is run again).</summary>
    public static RunResult? TryLoad(string path)
    {
        try
        {
            var run = File.Exists(path) ? JsonSerializer.Deserialize<RunResult>(File.ReadAllText(path), ResultJson.Compact) : null;
            // Missing members deserialise as null, and a run without them would fail wherever it is summarised.
            return run is { View: not null, Method: not null, TestSession: not null, PretrainingSet: not null, ConfusionMatrix: not null, PerClassRecall: not null, History: not null }
                ? run : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The protocol cut into parts that can run on different hosts: per fold, each pre-training (set x temperature),
    /// then the fine-tuning runs of each view and fraction, which need that fold's pre-trainings finished. Running every
    /// part and then the whole protocol (which finds every run stored) gives the same report as one run.
    /// </summary>
    public static IReadOnlyList<ProtocolPart> Parts(ProtocolConfiguration configuration, ProtocolInput input)
    {
        configuration.Validate();
        input.Validate(configuration);
        var folds = LeaveOneSessionOutFolds.Create(input.Corpus.Utterances, configuration.Folds);
        var plan = new ProtocolPlan(configuration, folds.Count);
        var parts = new List<ProtocolPart>();
        foreach (var fold in folds)
        {
            if (configuration.Methods.Any(MethodNames.NeedsPretraining))
                foreach (var (set, tau) in PretrainingsFor(configuration))
                    parts.Add(new ProtocolPart(ProtocolPartKind.Pretraining, fold.Index, plan.PretrainingUnits, Set: set, Temperature: tau));
            foreach (var view in configuration.Views)
            foreach (var fraction in configuration.FractionsPercent)
                parts.Add(new ProtocolPart(ProtocolPartKind.FineTuning, fold.Index, plan.RunsPerFoldViewAndFraction(fraction), View: view, FractionPercent: fraction));
        }
        return parts;
    }

    private (RunResult Run, FineTuningResult Result) FineTune(ProtocolConfiguration configuration, FoldData data, string view, string method,
        string set, double tau, double fraction, int repeat, int seed, IReadOnlyList<(Utterance Utterance, int ClassIndex)> subset,
        PretrainingResult? pretrained, IProgress<TrainingProgress> epochs, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var classes = data.Input.FineTuneLabels.Classes.Count;
        var training = data.Labelled(subset, view);
        var validation = data.Labelled(data.LabelledValidation, view);
        // A refit may add the validation session's labels only at the run's fraction p (the same stratified
        // sampler and seed), so p stays the share of all non-test labels a model learns from.
        var refitAddition = data.Labelled(LabelFractionSampler.Sample(data.LabelledValidation, fraction / 100.0, seed), view);
        var settings = configuration.FineTuning with { Seed = seed, FreezeEncoder = method == MethodNames.PairwiseFrozen };
        var tuner = new FineTuner(_device);
        var result = method == MethodNames.Supervised
            ? tuner.TrainSupervised(view, configuration.Architecture, classes, training, validation, settings, refitAddition,
                progress: epochs, cancellationToken: cancellationToken)
            : tuner.FineTune(pretrained!.Model.Encoder(view), view, configuration.Architecture, classes, training, validation, settings, refitAddition,
                progress: epochs, cancellationToken: cancellationToken);

        var test = data.LabelledTest;
        var predicted = Inference.Predict(result.Model, test.Select(t => data.FeaturesOf(t.Utterance, view)).ToList(), _device,
            cancellationToken: cancellationToken, padding: configuration.FineTuning.Padding);
        var metrics = ClassificationMetrics.Compute(test.Select(t => t.ClassIndex).ToList(), predicted, classes);
        var run = new RunResult(view, method, fraction, data.Fold.Index, data.Fold.TestSession, repeat, seed, tau,
            method == MethodNames.Supervised ? NotPretrained : set, subset.Count, test.Count, metrics.Uar, metrics.Wa,
            ToJagged(metrics.ConfusionMatrix), metrics.PerClassRecall.ToArray(), result.History.Count, result.BestValidationUar,
            clock.Elapsed.TotalSeconds) { History = result.History };
        return (run, result);
    }

    private static IEnumerable<(string Set, double Tau)> PretrainingsFor(ProtocolConfiguration configuration)
    {
        foreach (var tau in configuration.AllTemperatures()) yield return (PretrainedOnAll, tau);
        if (!configuration.OutOfDistribution) yield break;
        yield return (PretrainedOnTarget, configuration.Temperature);
        yield return (PretrainedOnOther, configuration.Temperature);
    }

    private static IEnumerable<(string Method, string Set, double Tau)> FineTuningsFor(ProtocolConfiguration configuration, double fraction)
    {
        var largest = fraction == configuration.FractionsPercent.Max();
        foreach (var method in configuration.Methods)
        {
            if (method == MethodNames.Supervised)
            {
                yield return (method, NotPretrained, configuration.Temperature);
                continue;
            }
            yield return (method, PretrainedOnAll, configuration.Temperature);
            if (largest)
                foreach (var tau in configuration.TemperatureGrid.Where(t => t != configuration.Temperature))
                    yield return (method, PretrainedOnAll, tau);
            if (configuration.OutOfDistribution)
            {
                yield return (method, PretrainedOnTarget, configuration.Temperature);
                yield return (method, PretrainedOnOther, configuration.Temperature);
            }
        }
    }

    /// <exception cref="InvalidOperationException">A loss is NaN or infinite: its curve would carry NaN into the report.</exception>
    internal static void ThrowIfDiverged(string training, IEnumerable<EpochRecord> history)
    {
        if (history.FirstOrDefault(h => !double.IsFinite(h.TrainLoss) || !double.IsFinite(h.ValidationLoss)) is { } epoch)
            throw new InvalidOperationException($"The {training} has a non-finite loss at epoch {epoch.Epoch}: training diverged, and result files "
                + "never hold NaN or infinity. Check the corpus for clips with extreme sample values.");
    }

    /// <exception cref="InvalidOperationException">The run holds a NaN or infinity (training diverged): it is not written.</exception>
    internal static void Save(string path, RunResult run)
    {
        if (run.FirstNonFinite() is { } value)
            throw new InvalidOperationException(
                $"The {run.View}/{run.Method} run at {run.FractionPercent}% labels (fold {run.Fold}, repeat {run.Repeat}) has a non-finite {value}: "
                + "training diverged, and result files never hold NaN or infinity. Check the corpus for clips with extreme sample values.");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // An absent class's recall is NaN: written as null, read back as NaN.
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(run, ResultJson.Indented));
    }

    private static int[][] ToJagged(int[,] matrix) =>
        Enumerable.Range(0, matrix.GetLength(0)).Select(r => Enumerable.Range(0, matrix.GetLength(1)).Select(c => matrix[r, c]).ToArray()).ToArray();
}
