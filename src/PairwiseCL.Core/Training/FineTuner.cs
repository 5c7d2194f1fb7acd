using PairwiseCL.Core.Models;
using PairwiseCL.Core.Views;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Training;

/// <summary>
/// Figure 1b: one view's encoder plus a linear classifier trained with cross-entropy on labelled utterances,
/// Adam, learning-rate decay on validation-UAR plateaus and early stopping on validation UAR. With a frozen
/// encoder the representations are computed once and only the classifier trains on them.
/// </summary>
public sealed class FineTuner
{
    private readonly Device device;

    public FineTuner(Device? device = null) => this.device = device ?? TrainingDevice.Default;

    /// <summary>
    /// Fine-tunes a copy of a pre-trained encoder (the original is left untouched, so one pre-training can
    /// serve many fine-tuning runs).
    /// </summary>
    public FineTuningResult FineTune(
        ViewEncoder pretrainedEncoder,
        string view,
        ModelArchitecture architecture,
        int classes,
        MultiViewDataset training,
        MultiViewDataset validation,
        FineTuningConfig config,
        MultiViewDataset? refitAddition = null,
        string? checkpointFolder = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        config.Validate();
        var weights = pretrainedEncoder.state_dict().ToDictionary(e => e.Key, e => e.Value.cpu());
        // The standardisation comes with the pre-trained weights, so the data argument is unused here.
        EmotionClassifier Create(MultiViewDataset _)
        {
            var encoder = SeededModules.Build(() => architecture.CreateEncoder(view));
            using (no_grad())
                encoder.load_state_dict(weights);
            return SeededModules.Build(config.Seed, () => new EmotionClassifier(encoder, classes));
        }
        var key = new FineTuningRunKey(config, view, architecture, classes, training.Count, validation.Count, WeightFingerprint(pretrainedEncoder));
        return Train(Create, view, training, validation, refitAddition ?? validation, config, key, checkpointFolder, progress, cancellationToken);
    }

    /// <summary>The supervised baseline: the same encoder and classifier trained from random initialisation.</summary>
    public FineTuningResult TrainSupervised(
        string view,
        ModelArchitecture architecture,
        int classes,
        MultiViewDataset training,
        MultiViewDataset validation,
        FineTuningConfig config,
        MultiViewDataset? refitAddition = null,
        string? checkpointFolder = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        config.Validate();
        EmotionClassifier Create(MultiViewDataset data)
        {
            var model = SeededModules.Build(config.Seed, () => new EmotionClassifier(architecture.CreateEncoder(view), classes));
            InputStatistics.Fit(model.Encoder, data.View(view));
            return model;
        }
        var key = new FineTuningRunKey(config, view, architecture, classes, training.Count, validation.Count, "random-init");
        return Train(Create, view, training, validation, refitAddition ?? validation, config, key, checkpointFolder, progress, cancellationToken);
    }

    /// <param name="createModel">
    /// A freshly initialised model (the same weights on every call: it seeds torch itself) whose input
    /// statistics, if any, are fitted on the given data; called once for the early-stopped run and once more
    /// for a refit.
    /// </param>
    /// <param name="refitAddition">
    /// The labelled utterances a refit adds to <paramref name="training"/>: the validation set, or the part of it
    /// a sparse-label protocol may use (the same fraction p, so the refit's label budget stays p of all labels).
    /// </param>
    private FineTuningResult Train(
        Func<MultiViewDataset, EmotionClassifier> createModel,
        string view,
        MultiViewDataset training,
        MultiViewDataset validation,
        MultiViewDataset refitAddition,
        FineTuningConfig config,
        FineTuningRunKey key,
        string? checkpointFolder,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        var labels = training.RequireLabels().Concat(validation.RequireLabels()).ToList();
        if (config.RefitOnTrainingAndValidation)
            labels.AddRange(refitAddition.RequireLabels());
        if (training.Count == 0 || validation.Count == 0)
            throw new ArgumentException("Fine-tuning needs training and validation utterances.");
        var model = createModel(training);
        var classes = model.Classifier.Classes;
        if (labels.Any(l => l >= classes))
        {
            model.Dispose();
            throw new ArgumentException($"Labels must lie in 0..{classes - 1}.");
        }

        LoopOutcome outcome;
        using (var optimizer = NewOptimizer(model, config))
        using (var task = NewTask(model, optimizer, training, validation, view, config, cancellationToken))
        {
            var settings = new EpochLoopSettings(config.MaxEpochs, config.Patience, StoppingMetric.ValidationUar, ConfigurationHash.Of(key),
                config.LearningRatePatience, config.LearningRateFactor);
            outcome = EpochLoop.Run(task, settings, checkpointFolder, progress, cancellationToken);
        }
        if (!config.RefitOnTrainingAndValidation || outcome.BestEpoch < 1)
            return new FineTuningResult(model, outcome.BestEpoch, outcome.BestScore, outcome.StoppedEarly, outcome.History);

        model.Dispose();
        var refit = Refit(createModel, view, training.Concat(refitAddition), outcome.History.Take(outcome.BestEpoch).ToList(), config, cancellationToken);
        return new FineTuningResult(refit, outcome.BestEpoch, outcome.BestScore, outcome.StoppedEarly, outcome.History) { RefitEpochs = outcome.BestEpoch };
    }

    /// <summary>
    /// Trains a fresh model on training + validation for exactly the early-stopped run's best epochs with that
    /// run's per-epoch learning rates, so nothing but the amount of data differs. Nothing validates it (the
    /// validation utterances are training data now) and it is not checkpointed: it is as long as the run
    /// before it and recomputes identically from the seed.
    /// </summary>
    private EmotionClassifier Refit(Func<MultiViewDataset, EmotionClassifier> createModel, string view, MultiViewDataset all,
        IReadOnlyList<EpochRecord> schedule, FineTuningConfig config, CancellationToken cancellationToken)
    {
        var model = createModel(all);
        try
        {
            using var optimizer = NewOptimizer(model, config);
            using var task = NewTask(model, optimizer, all, all, view, config, cancellationToken);
            foreach (var epoch in schedule)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var group in optimizer.ParamGroups)
                    group.LearningRate = epoch.LearningRate;
                task.Model.train();
                task.TrainEpoch(epoch.Epoch, cancellationToken);
            }
            task.AfterEpoch(cancellationToken);
            model.eval();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private OptimizerHelper NewOptimizer(EmotionClassifier model, FineTuningConfig config)
    {
        model.to(device);
        var trained = config.FreezeEncoder ? (nn.Module)model.Classifier : model;
        return new StableAdam(trained.parameters(), lr: config.LearningRate);
    }

    private IDisposableEpochTask NewTask(EmotionClassifier model, OptimizerHelper optimizer, MultiViewDataset training, MultiViewDataset validation,
        string view, FineTuningConfig config, CancellationToken cancellationToken) =>
        config.FreezeEncoder
            ? new FrozenEncoderTask(model, optimizer, training.View(view), training.RequireLabels(), validation.View(view), validation.RequireLabels(), config, device, cancellationToken)
            : new TunedEncoderTask(model, optimizer, training.View(view), training.RequireLabels(), validation.View(view), validation.RequireLabels(), config, device);

    /// <summary>Identifies the pre-trained weights in a checkpoint key without hashing every tensor byte.</summary>
    private static string WeightFingerprint(ViewEncoder encoder)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var sums = encoder.state_dict().Values.Select(t => t.to(ScalarType.Float64).abs().sum().item<double>() + t.to(ScalarType.Float64).sum().item<double>());
        return string.Join(";", sums.Select(s => s.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private sealed record FineTuningRunKey(FineTuningConfig Config, string View, ModelArchitecture Architecture, int Classes, int Training, int Validation, string Initialisation);

    private interface IDisposableEpochTask : IEpochTask, IDisposable;

    /// <summary>Encoder and classifier train together on collated feature batches.</summary>
    private sealed class TunedEncoderTask(
        EmotionClassifier model,
        OptimizerHelper optimizer,
        IReadOnlyList<FeatureMatrix> training,
        int[] trainingLabels,
        IReadOnlyList<FeatureMatrix> validation,
        int[] validationLabels,
        FineTuningConfig config,
        Device device) : IDisposableEpochTask
    {
        private readonly Lazy<int[]> trainingLengths = new(() => BatchOrder.Lengths(training));

        public string Phase => "fine-tuning";

        public nn.Module Model => model;

        public OptimizerHelper Optimizer => optimizer;

        public double TrainEpoch(int epoch, CancellationToken cancellationToken)
        {
            var losses = new List<double>();
            foreach (var batch in BatchOrder.ForTraining(config.Padding, training.Count, () => trainingLengths.Value, config.BatchSize, config.Seed, epoch))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var input = BatchCollator.Collate(training, batch, device, config.Padding == BatchPadding.Bucketed ? model.Encoder.FrameMultiple : 1);
                var loss = nn.functional.cross_entropy(model.forward(input.Features, input.ValidFrames), BatchCollator.Labels(trainingLabels, batch, device));
                loss.backward();
                optimizer.step();
                losses.Add(loss.item<float>());
            }
            return losses.Average();
        }

        public void AfterEpoch(CancellationToken cancellationToken)
        {
            if (config.PreciseBatchNorm)
                PopulationStatistics.Recompute(model.Encoder, training, config.BatchSize, device, cancellationToken);
        }

        public EpochValidation Validate(CancellationToken cancellationToken)
        {
            using var scope = NewDisposeScope();
            var representations = Inference.Representations(model.Encoder, validation, device, config.BatchSize, cancellationToken, config.Padding);
            return Classification.Evaluate(model.Classifier, representations, validationLabels, device);
        }

        public void Dispose() { }
    }

    /// <summary>Representations are computed once; only the linear classifier trains, on those tensors.</summary>
    private sealed class FrozenEncoderTask : IDisposableEpochTask
    {
        private readonly EmotionClassifier model;
        private readonly Tensor trainingRepresentations;
        private readonly int[] trainingLabels;
        private readonly Tensor validationRepresentations;
        private readonly int[] validationLabels;
        private readonly FineTuningConfig config;
        private readonly Device device;

        public FrozenEncoderTask(
            EmotionClassifier model,
            OptimizerHelper optimizer,
            IReadOnlyList<FeatureMatrix> training,
            int[] trainingLabels,
            IReadOnlyList<FeatureMatrix> validation,
            int[] validationLabels,
            FineTuningConfig config,
            Device device,
            CancellationToken cancellationToken)
        {
            this.model = model;
            Optimizer = optimizer;
            this.trainingLabels = trainingLabels;
            this.validationLabels = validationLabels;
            this.config = config;
            this.device = device;
            foreach (var parameter in model.Encoder.parameters())
                parameter.requires_grad = false;
            trainingRepresentations = Inference.Representations(model.Encoder, training, device, config.BatchSize, cancellationToken, config.Padding).DetachFromDisposeScope();
            validationRepresentations = Inference.Representations(model.Encoder, validation, device, config.BatchSize, cancellationToken, config.Padding).DetachFromDisposeScope();
        }

        public string Phase => "fine-tuning (frozen encoder)";

        public nn.Module Model => model.Classifier;

        public OptimizerHelper Optimizer { get; }

        public double TrainEpoch(int epoch, CancellationToken cancellationToken)
        {
            var losses = new List<double>();
            foreach (var batch in BatchOrder.Shuffled(trainingLabels.Length, config.BatchSize, config.Seed, epoch))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                Optimizer.zero_grad();
                var rows = tensor(batch.Select(i => (long)i).ToArray(), device: device);
                var logits = model.Classifier.forward(trainingRepresentations.index_select(0, rows));
                var loss = nn.functional.cross_entropy(logits, BatchCollator.Labels(trainingLabels, batch, device));
                loss.backward();
                Optimizer.step();
                losses.Add(loss.item<float>());
            }
            return losses.Average();
        }

        public EpochValidation Validate(CancellationToken cancellationToken) =>
            Classification.Evaluate(model.Classifier, validationRepresentations, validationLabels, device);

        public void Dispose()
        {
            trainingRepresentations.Dispose();
            validationRepresentations.Dispose();
        }
    }
}
