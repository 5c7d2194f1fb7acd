using System.Diagnostics;

namespace PairwiseCL.Core.Training;

/// <summary>
/// The shared epoch loop of pre-training and fine-tuning: train, validate, keep the best model, decay the
/// learning rate on plateaus, stop early, checkpoint every epoch and resume from a checkpoint. Training
/// draws no random numbers besides the batch order, which is a function of (seed, epoch), so a resumed run
/// continues exactly like an uninterrupted one.
/// </summary>
internal static class EpochLoop
{
    public static LoopOutcome Run(
        IEpochTask task,
        EpochLoopSettings settings,
        string? checkpointFolder,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        var store = checkpointFolder is null ? null : new CheckpointStore(checkpointFolder);
        var state = store?.Load(settings.RunKey);
        using var best = new BestModel(task.Model);

        if (state is not null && store is not null)
        {
            store.RestoreBest(task.Model);
            best.Capture();
            store.RestoreLast(task.Model, task.Optimizer);
        }
        state ??= new LoopState(settings.RunKey, 0, 0, double.NegativeInfinity, 0, CurrentLearningRate(task), false, []);
        SetLearningRate(task, state.LearningRate);

        var history = state.History.ToList();
        var clock = Stopwatch.StartNew();
        var epochsThisSession = 0;
        while (!state.Finished && state.CompletedEpochs < settings.MaxEpochs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var epoch = state.CompletedEpochs + 1;
            var epochClock = Stopwatch.StartNew();
            task.Model.train();
            var trainLoss = task.TrainEpoch(epoch, cancellationToken);
            task.AfterEpoch(cancellationToken);
            task.Model.eval();
            var validation = task.Validate(cancellationToken);
            var score = settings.Metric == StoppingMetric.ValidationLoss ? -validation.Loss : validation.Uar
                ?? throw new InvalidOperationException("Stopping on validation UAR needs a task that reports it.");

            var improved = score > state.BestScore;
            var withoutImprovement = improved ? 0 : state.EpochsWithoutImprovement + 1;
            var learningRate = CurrentLearningRate(task);
            history.Add(new EpochRecord(epoch, trainLoss, validation.Loss, validation.Uar, learningRate, epochClock.Elapsed.TotalSeconds));
            if (improved)
            {
                best.Capture();
                store?.SaveBest(task.Model);
            }
            if (!improved && settings.DecayPatience > 0 && withoutImprovement % settings.DecayPatience == 0)
                SetLearningRate(task, learningRate * settings.DecayFactor);

            var stop = withoutImprovement >= settings.Patience || epoch == settings.MaxEpochs;
            state = new LoopState(
                settings.RunKey,
                epoch,
                improved ? epoch : state.BestEpoch,
                improved ? score : state.BestScore,
                withoutImprovement,
                CurrentLearningRate(task),
                stop,
                history.ToArray());
            store?.SaveLast(state, task.Model, task.Optimizer);

            epochsThisSession++;
            var perEpoch = clock.Elapsed / epochsThisSession;
            progress?.Report(new TrainingProgress(task.Phase, epoch, settings.MaxEpochs, trainLoss, validation.Loss, validation.Uar,
                improved, clock.Elapsed, stop ? TimeSpan.Zero : perEpoch * (settings.MaxEpochs - epoch)));
        }

        best.RestoreInto(task.Model);
        task.Model.eval();
        return new LoopOutcome(history, state.BestEpoch, state.BestScore, state.CompletedEpochs < settings.MaxEpochs);
    }

    private static double CurrentLearningRate(IEpochTask task) => task.Optimizer.ParamGroups.First().LearningRate;

    private static void SetLearningRate(IEpochTask task, double learningRate)
    {
        foreach (var group in task.Optimizer.ParamGroups)
            group.LearningRate = learningRate;
    }

    /// <summary>The best model so far, held in memory; replaced on every improvement.</summary>
    private sealed class BestModel(TorchSharp.torch.nn.Module model) : IDisposable
    {
        private ModelSnapshot? snapshot;

        public void Capture()
        {
            snapshot?.Dispose();
            snapshot = ModelSnapshot.Capture(model);
        }

        public void RestoreInto(TorchSharp.torch.nn.Module target) => snapshot?.RestoreInto(target);

        public void Dispose() => snapshot?.Dispose();
    }
}

/// <summary>How a loop ended: its epochs, the best epoch (its model is the one left loaded) and its score.</summary>
internal sealed record LoopOutcome(IReadOnlyList<EpochRecord> History, int BestEpoch, double BestScore, bool StoppedEarly);
