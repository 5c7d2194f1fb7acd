using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.LabelledModels;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Tests.Experiments;
using PairwiseCL.Core.Tests.TestSupport;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;

namespace PairwiseCL.Core.Tests.LabelledModels;

/// <summary>
/// A model trained on a lab's own labelled clips is estimated on clips it never saw: no speaker on both sides of a
/// fold (leave one speaker out), or stratified folds when there is one speaker; the estimate is reproducible.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public sealed class LabelledModelTrainerTests
{
    [Fact]
    public void WithSeveralSpeakers_EachFoldHoldsOutExactlyOneSpeaker()
    {
        string[] speakers = ["b", "a", "b", "c", "a", "c", "a"];
        int[] labels = [0, 1, 0, 1, 0, 1, 1];

        var (scheme, folds) = LabelledClipFolds.Create(speakers, labels, seed: 3);

        Assert.Equal(LabelledClipFolds.LeaveOneSpeakerOut, scheme);
        Assert.Equal(3, folds.Count);
        Assert.All(folds, f => Assert.Single(f.Test.Select(i => speakers[i]).Distinct()));
        Assert.Equal(Enumerable.Range(0, speakers.Length), folds.SelectMany(f => f.Test).Order());
    }

    [Fact]
    public void WithOneSpeaker_FoldsAreStratified_AndEveryClipIsHeldOutOnce_Reproducibly()
    {
        var labels = Enumerable.Range(0, 23).Select(i => i % 3).ToArray();
        var speakers = labels.Select(_ => "only").ToArray();

        var (scheme, folds) = LabelledClipFolds.Create(speakers, labels, seed: 5);
        var again = LabelledClipFolds.Create(speakers, labels, seed: 5).Folds;

        Assert.Equal(LabelledClipFolds.StratifiedKFold, scheme);
        Assert.Equal(5, folds.Count);
        Assert.Equal(Enumerable.Range(0, labels.Length), folds.SelectMany(f => f.Test).Order());
        Assert.All(folds, f => Assert.Equal(3, f.Test.Select(i => labels[i]).Distinct().Count()));
        Assert.Equal(folds.Select(f => f.Test), again.Select(f => f.Test));
    }

    [Fact]
    public void EarlyStopping_HoldsOutPartOfEachClass_NeverAClassesOnlyClip()
    {
        int[] labels = [0, 0, 0, 0, 0, 0, 0, 1, 1, 2];

        var (train, validation) = LabelledModelTrainer.SplitForEarlyStopping(Enumerable.Range(0, labels.Length).ToList(), labels, seed: 1);

        Assert.Empty(train.Intersect(validation));
        Assert.Equal(labels.Length, train.Count + validation.Count);
        Assert.Contains(validation, i => labels[i] == 0);
        Assert.Contains(validation, i => labels[i] == 1);
        Assert.DoesNotContain(validation, i => labels[i] == 2);
    }

    [Fact]
    public void OnSeparableClips_TheEstimateIsHigh_TheModelPredicts_AndTheEstimateRepeats()
    {
        var input = ProtocolRunnerTests.SyntheticInput(seed: 7);
        var labelled = input.Corpus.Utterances.Select((u, i) => (u, i)).Where(x => x.u.Label != "boredom").ToList();
        var classes = new[] { "anger", "sadness", "happiness" };
        var features = labelled.Select(x => input.Features["egemaps"][x.i]).ToList();
        var labels = labelled.Select(x => Array.IndexOf(classes, x.u.Label)).ToList();
        var speakers = labelled.Select(x => x.u.Speaker).ToList();
        var settings = new LabelledModelSettings("egemaps", MethodNames.Supervised,
            new FineTuningConfig(MaxEpochs: 30, Patience: 10, BatchSize: 16, Seed: 2, RefitOnTrainingAndValidation: false), ModelArchitecture.Paper);
        var trainer = new LabelledModelTrainer(TorchSharp.torch.CPU);

        var (model, estimate) = trainer.Train(features, labels, speakers, classes.Length, settings);
        using (model)
        {
            Assert.Equal(LabelledClipFolds.LeaveOneSpeakerOut, estimate.Scheme);
            Assert.Equal(4, estimate.FoldUars.Count);
            Assert.True(estimate.Uar.Mean > 0.8, $"UAR {estimate.Uar.Mean} on separable clips");
            Assert.Equal(labels.Count, estimate.ConfusionMatrix.Sum(row => row.Sum()));
            var predicted = Inference.Predict(model, features, TorchSharp.torch.CPU);
            Assert.True(predicted.Zip(labels).Count(p => p.First == p.Second) > 0.9 * labels.Count);
        }
        var (again, repeated) = trainer.Train(features, labels, speakers, classes.Length, settings);
        again.Dispose();
        Assert.Equal(estimate.FoldUars, repeated.FoldUars);
    }

    /// <summary>
    /// Accepted predictions (training-only clips) train the model but never count in the estimate, and a fold never trains
    /// on those of the speaker it holds out. Offered: every boredom clip (a class no person labelled) and, for spk1, five
    /// copies of each of its anger clips accepted as sadness. spk1's fold must equal the one trained without spk1's accepted
    /// clips, while the other folds, which do train on the misleading copies, lose UAR.
    /// </summary>
    [Fact]
    public void AcceptedPredictions_TrainTheModel_ButNeverEnterTheEstimate_NorTheFoldOfTheirOwnSpeaker()
    {
        var input = ProtocolRunnerTests.SyntheticInput(seed: 7);
        var classes = new[] { "anger", "sadness", "happiness", "boredom" };
        var clips = input.Corpus.Utterances.Select((u, i) => (u.Speaker, Label: u.Label!, Row: i)).ToList();
        var people = clips.Where(x => x.Label != "boredom").ToList();
        var boredom = clips.Where(x => x.Label == "boredom").ToList();
        var misleading = Enumerable.Repeat(clips.Where(x => x.Speaker == "spk1" && x.Label == "anger").Select(x => x with { Label = "sadness" }), 5).SelectMany(x => x);
        var settings = new LabelledModelSettings("egemaps", MethodNames.Supervised,
            new FineTuningConfig(MaxEpochs: 30, Patience: 10, BatchSize: 16, Seed: 2, RefitOnTrainingAndValidation: false), ModelArchitecture.Paper);
        var trainer = new LabelledModelTrainer(TorchSharp.torch.CPU);
        (IReadOnlyList<EmotionClassifier> Models, LabelledModelEstimate Estimate) Train(IEnumerable<(string Speaker, string Label, int Row)> accepted)
        {
            var rows = people.Concat(accepted).ToList();
            return trainer.TrainFused([new LabelledViewInput("egemaps", rows.Select(x => input.Features["egemaps"][x.Row]).ToList())],
                rows.Select(x => Array.IndexOf(classes, x.Label)).ToList(), rows.Select(x => x.Speaker).ToList(), classes.Length, settings,
                trainingOnly: rows.Select((_, k) => k >= people.Count).ToList());
        }

        var (models, estimate) = Train(boredom.Concat(misleading));
        var (withoutSpk1, reference) = Train(boredom.Where(x => x.Speaker != "spk1"));
        withoutSpk1[0].Dispose();
        using var model = models[0];

        Assert.Equal(people.Count, estimate.ConfusionMatrix.Sum(row => row.Sum()));
        Assert.Equal(0, estimate.ConfusionMatrix[3].Sum());
        var spk1 = estimate.FoldNames.ToList().IndexOf("speaker spk1");
        Assert.Equal(reference.FoldUars[spk1], estimate.FoldUars[spk1]);
        Assert.Contains(Enumerable.Range(0, estimate.FoldUars.Count), f => f != spk1 && estimate.FoldUars[f] < reference.FoldUars[f]);
        var predicted = Inference.Predict(model, boredom.Select(x => input.Features["egemaps"][x.Row]).ToList(), TorchSharp.torch.CPU);
        Assert.True(predicted.Count(c => c == 3) > boredom.Count / 2, $"{predicted.Count(c => c == 3)} of {boredom.Count} accepted boredom clips predicted as boredom");
    }

    [Fact]
    public void AFineTuningMethodWithoutAnEncoder_IsRefused()
    {
        var settings = new LabelledModelSettings("egemaps", MethodNames.PairwiseTuned, new FineTuningConfig(), ModelArchitecture.Paper);

        var error = Assert.Throws<ArgumentException>(() => new LabelledModelTrainer(TorchSharp.torch.CPU)
            .Train([FeatureMatrix.Vector(new float[88]), FeatureMatrix.Vector(new float[88])], [0, 1], ["a", "b"], 2, settings));
        Assert.Contains("encoder set", error.Message);
    }
}
