using PairwiseCL.Core.Models;
using PairwiseCL.Core.Views;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Training;

/// <summary>
/// Multi-view contrastive pre-training (Figure 1a): encoders and projection heads of all views trained with
/// the Pairwise-CL loss, Adam, early stopping on the validation loss; the best epoch's model is returned.
/// </summary>
public sealed class Pretrainer
{
    private readonly Device device;

    public Pretrainer(Device? device = null) => this.device = device ?? TrainingDevice.Default;

    /// <param name="views">The views to pre-train together (at least two; the datasets must hold them).</param>
    /// <param name="checkpointFolder">Where to checkpoint every epoch; a folder holding this run's checkpoint resumes it.</param>
    public PretrainingResult Run(
        IReadOnlyList<string> views,
        ModelArchitecture architecture,
        MultiViewDataset training,
        MultiViewDataset validation,
        PretrainingConfig config,
        string? checkpointFolder = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        config.Validate();
        if (training.Count < 2 || validation.Count < 2)
            throw new ArgumentException($"Pre-training needs at least two training and two validation utterances, got {training.Count} and {validation.Count}.");

        var model = SeededModules.Build(config.Seed, () => new PairwiseClModel(views, architecture));
        foreach (var view in views)
            InputStatistics.Fit(model.Encoder(view), training.View(view));
        model.to(device);

        using var optimizer = new StableAdam(model.parameters(), lr: config.LearningRate);
        var task = new PretrainingTask(model, optimizer, training, validation, new PairwiseContrastiveLoss(config.Temperature), config, device);
        var runKey = ConfigurationHash.Of(new PretrainingRunKey(config, views.ToArray(), architecture, training.Count, validation.Count));
        var outcome = EpochLoop.Run(task, new EpochLoopSettings(config.MaxEpochs, config.Patience, StoppingMetric.ValidationLoss, runKey),
            checkpointFolder, progress, cancellationToken);
        return new PretrainingResult(model, outcome.BestEpoch, -outcome.BestScore, outcome.StoppedEarly, outcome.History);
    }

    private sealed record PretrainingRunKey(PretrainingConfig Config, string[] Views, ModelArchitecture Architecture, int Training, int Validation);

    private sealed class PretrainingTask(
        PairwiseClModel model,
        OptimizerHelper optimizer,
        MultiViewDataset training,
        MultiViewDataset validation,
        PairwiseContrastiveLoss loss,
        PretrainingConfig config,
        Device device) : IEpochTask
    {
        public string Phase => "pre-training";

        public nn.Module Model => model;

        public OptimizerHelper Optimizer => optimizer;

        public double TrainEpoch(int epoch, CancellationToken cancellationToken)
        {
            var losses = new List<double>();
            // NT-Xent needs negatives: a trailing batch of one utterance is skipped.
            foreach (var batch in BatchOrder.ForTraining(config.Padding, training.Count, training.Lengths, config.BatchSize, config.Seed, epoch).Where(b => b.Length >= 2))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var value = loss.Compute(model.Project(Collate(training, batch)));
                value.backward();
                optimizer.step();
                losses.Add(value.item<float>());
            }
            return losses.Average();
        }

        public void AfterEpoch(CancellationToken cancellationToken)
        {
            if (!config.PreciseBatchNorm)
                return;
            foreach (var view in model.Views)
                PopulationStatistics.Recompute(model.Encoder(view), training.View(view), config.BatchSize, device, cancellationToken);
        }

        public EpochValidation Validate(CancellationToken cancellationToken)
        {
            using var noGrad = no_grad();
            var weighted = 0.0;
            var count = 0;
            foreach (var batch in BatchOrder.ForEvaluation(config.Padding, validation.Count, validation.Lengths, config.BatchSize).Where(b => b.Length >= 2))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                weighted += loss.Compute(model.Project(Collate(validation, batch))).item<float>() * batch.Length;
                count += batch.Length;
            }
            return new EpochValidation(weighted / count, null);
        }

        private Dictionary<string, ViewInput> Collate(MultiViewDataset data, int[] batch) =>
            model.Views.ToDictionary(v => v, v => BatchCollator.Collate(data.View(v), batch, device,
                config.Padding == BatchPadding.Bucketed ? model.Encoder(v).FrameMultiple : 1));
    }
}
