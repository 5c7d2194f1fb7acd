using PairwiseCL.Core.Evaluation;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;
using static TorchSharp.torch;

namespace PairwiseCL.Core.LabelledModels;

/// <summary>What a lab's model is: one view, trained from scratch or from a pre-trained encoder (frozen or tuned).</summary>
public sealed record LabelledModelSettings(string View, string Method, FineTuningConfig FineTuning, ModelArchitecture Architecture)
{
    public const double ValidationShare = 0.15;
}

/// <summary>One view's features of the labelled clips (in label order) and, unless trained from scratch, its pre-trained encoder.</summary>
public sealed record LabelledViewInput(string Name, IReadOnlyList<FeatureMatrix> Features, ViewEncoder? Pretrained = null);

/// <summary>The honest estimate of a model trained on every labelled clip: UAR per held-out fold, its mean with a 95 % CI, and the pooled confusion matrix.</summary>
public sealed record LabelledModelEstimate(string Scheme, IReadOnlyList<string> FoldNames, IReadOnlyList<double> FoldUars, MeanConfidence Uar, int[][] ConfusionMatrix);

/// <summary>
/// Trains a deployable model on a lab's human-labelled clips and estimates how good it is on clips it never saw:
/// the same training once per held-out fold (<see cref="LabelledClipFolds"/>), predictions pooled, then once on
/// every clip for the model to keep. Early stopping uses a seeded, stratified 15 % of each training side.
/// </summary>
public sealed class LabelledModelTrainer(Device? device = null)
{
    private readonly Device _device = device ?? TrainingDevice.Default;

    public (EmotionClassifier Model, LabelledModelEstimate Estimate) Train(IReadOnlyList<FeatureMatrix> features, IReadOnlyList<int> labels,
        IReadOnlyList<string> speakers, int classes, LabelledModelSettings settings, ViewEncoder? pretrained = null, CancellationToken cancellationToken = default)
    {
        var (models, estimate) = TrainFused([new LabelledViewInput(settings.View, features, pretrained)], labels, speakers, classes, settings, cancellationToken);
        return (models[0], estimate);
    }

    /// <summary>
    /// A late fusion of one model per view: each view's model is trained as <see cref="Train"/> trains one, and the fused
    /// prediction is the class with the highest mean probability over the views, in the held-out estimate as in use.
    /// With one view it is that view's model (argmax of the mean of one is its own argmax).
    /// </summary>
    /// <param name="trainingOnly">
    /// Per clip, true when its label is not a person's (an accepted prediction): such clips train every model but are never
    /// held out, never watched for early stopping, and leave the training side of a fold whose held-out speaker they share,
    /// so the estimate stays one on people's labels of unseen speakers.
    /// </param>
    public (IReadOnlyList<EmotionClassifier> Models, LabelledModelEstimate Estimate) TrainFused(IReadOnlyList<LabelledViewInput> views, IReadOnlyList<int> labels,
        IReadOnlyList<string> speakers, int classes, LabelledModelSettings settings, CancellationToken cancellationToken = default,
        IReadOnlyList<bool>? trainingOnly = null)
    {
        if (views.Count == 0) throw new ArgumentException("Choose at least one view.", nameof(views));
        foreach (var view in views)
        {
            if (view.Features.Count != labels.Count) throw new ArgumentException($"{view.Features.Count} clips of {view.Name} but {labels.Count} labels.", nameof(labels));
            if (settings.Method != MethodNames.Supervised && view.Pretrained is null)
                throw new ArgumentException($"Method '{settings.Method}' fine-tunes a pre-trained encoder; choose an encoder set or train supervised.", nameof(views));
        }
        if (trainingOnly is not null && trainingOnly.Count != labels.Count)
            throw new ArgumentException($"{trainingOnly.Count} training-only flags but {labels.Count} labels.", nameof(trainingOnly));
        var people = Enumerable.Range(0, labels.Count).Where(i => trainingOnly?[i] != true).ToList();
        var extra = Enumerable.Range(0, labels.Count).Where(i => trainingOnly?[i] == true).ToList();
        var (scheme, peopleFolds) = LabelledClipFolds.Create(people.Select(i => speakers[i]).ToList(), people.Select(i => labels[i]).ToList(), settings.FineTuning.Seed);
        var folds = peopleFolds.Select(f => f with { Test = f.Test.Select(j => people[j]).ToList() }).ToList();
        var confusion = new int[classes][];
        for (var c = 0; c < classes; c++) confusion[c] = new int[classes];
        var uars = new List<double>();
        foreach (var fold in folds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var test = fold.Test.ToHashSet();
            var training = people.Where(i => !test.Contains(i)).ToList();
            var heldOutSpeakers = fold.Test.Select(i => speakers[i]).ToHashSet(StringComparer.Ordinal);
            var extraTraining = scheme == LabelledClipFolds.LeaveOneSpeakerOut ? extra.Where(i => !heldOutSpeakers.Contains(speakers[i])).ToList() : extra;
            var fused = LateFusion.Mean(views.Select(view =>
            {
                using var model = Fit(view, labels, training, extraTraining, classes, settings, cancellationToken);
                return Inference.Probabilities(model, fold.Test.Select(i => view.Features[i]).ToList(), _device, cancellationToken: cancellationToken,
                    padding: settings.FineTuning.Padding);
            }).ToList());
            var truth = fold.Test.Select(i => labels[i]).ToList();
            var predicted = fused.Select(p => Array.IndexOf(p, p.Max())).ToList();
            for (var i = 0; i < truth.Count; i++) confusion[truth[i]][predicted[i]]++;
            uars.Add(ClassificationMetrics.Compute(truth, predicted, classes).Uar);
        }
        var final = new List<EmotionClassifier>();
        try
        {
            foreach (var view in views) final.Add(Fit(view, labels, people, extra, classes, settings, cancellationToken));
        }
        catch
        {
            foreach (var model in final) model.Dispose();
            throw;
        }
        return (final, new LabelledModelEstimate(scheme, folds.Select(f => f.Name).ToList(), uars, MeanConfidence.Of(uars), confusion));
    }

    /// <param name="rows">Clips with people's labels: early stopping watches a share of them.</param>
    /// <param name="extraRows">Clips that only train (accepted predictions).</param>
    private EmotionClassifier Fit(LabelledViewInput view, IReadOnlyList<int> labels, IReadOnlyList<int> rows, IReadOnlyList<int> extraRows, int classes,
        LabelledModelSettings fused, CancellationToken cancellationToken)
    {
        var (features, pretrained, settings) = (view.Features, view.Pretrained, fused with { View = view.Name });
        var (peopleTrain, validation) = SplitForEarlyStopping(rows, labels, settings.FineTuning.Seed);
        var train = extraRows.Count == 0 ? peopleTrain : peopleTrain.Concat(extraRows).Order().ToList();
        MultiViewDataset Data(IReadOnlyList<int> subset) =>
            new(new Dictionary<string, IReadOnlyList<FeatureMatrix>> { [settings.View] = subset.Select(i => features[i]).ToList() }, subset.Select(i => labels[i]).ToList());
        var tuner = new FineTuner(_device);
        var config = settings.FineTuning with { FreezeEncoder = settings.Method == MethodNames.PairwiseFrozen };
        var result = settings.Method == MethodNames.Supervised
            ? tuner.TrainSupervised(settings.View, settings.Architecture, classes, Data(train), Data(validation), config, cancellationToken: cancellationToken)
            : tuner.FineTune(pretrained!, settings.View, settings.Architecture, classes, Data(train), Data(validation), config, cancellationToken: cancellationToken);
        return result.Model;
    }

    /// <summary>A seeded share of each class (at least one clip, never a class's only one) held out for early stopping.</summary>
    internal static (IReadOnlyList<int> Train, IReadOnlyList<int> Validation) SplitForEarlyStopping(IReadOnlyList<int> rows, IReadOnlyList<int> labels, int seed)
    {
        var random = new Random(seed);
        var train = new List<int>();
        var validation = new List<int>();
        foreach (var group in rows.GroupBy(r => labels[r]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            var held = members.Length < 2 ? 0 : Math.Max(1, (int)Math.Round(members.Length * LabelledModelSettings.ValidationShare));
            validation.AddRange(members.Take(held));
            train.AddRange(members.Skip(held));
        }
        if (validation.Count == 0) validation.AddRange(train); // too few clips to hold any out: early stopping watches the training clips
        return (train.Order().ToList(), validation.Order().ToList());
    }
}
