using PairwiseCL.Core.ActiveLearning;
using PairwiseCL.Core.EncoderSets;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.LabelledModels;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Tests.TestSupport;
using PairwiseCL.Core.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.Experiments;

/// <summary>
/// The Core paths the portal runs besides the protocol runner must not leave a TorchSharp Scalar to the finalizer
/// either (see ProtocolTorchLifetimeTests and ScalarSafe): an active-learning simulation, and an encoder set, a
/// labelled model trained from it and saved, and that model's predictions for a corpus.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public sealed class PortalTorchLifetimeTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Views = ["mel", "egemaps"];
    private readonly string _work = Directory.CreateTempSubdirectory("pwcl-portal-scalars-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>A Scalar made and dropped in the same window counts once (the control), so the listener is seen to work.</summary>
    [Fact]
    public void AnActiveLearningSimulationLeavesNoScalarToTheFinalizer() =>
        Assert.Equal((Work: 0, Control: 1), FinalizedTorchObjects.ScalarsLeftBy(() => Assert.NotEmpty(Simulate("run").Runs), output.WriteLine));

    /// <summary>The same simulation while another thread collects garbage without pause gives the curves of a calm run.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void AnActiveLearningSimulationUnderConstantGarbageCollectionMatchesACalmRun()
    {
        var (calm, stressed) = CalmAndStressed(folder => Curves(Simulate(folder)));
        Assert.Equal(calm, stressed);
    }

    /// <summary>Both views and every strategy: pre-training, representations and each selection's own code.</summary>
    private ActiveLearningReport Simulate(string folder) =>
        new ActiveLearningSimulation(Path.Combine(_work, folder), device: CPU).Run(ActiveLearningConfiguration.Quick(Views) with
        {
            Strategies = SelectionStrategies.All, RoundSize = 4, Budget = 8, Repeats = 1,
            Pretraining = new PretrainingConfig(MaxEpochs: 2, Patience: 2, BatchSize: 32),
        }, ProtocolRunnerTests.SyntheticInput(seed: 6));

    private static double[] Curves(ActiveLearningReport report) =>
        report.Runs.OrderBy(r => (r.View, r.Strategy, r.Fold, r.Repeat, r.Labelled)).Select(r => r.Uar).ToArray();

    [Fact]
    public void AnEncoderSetALabelledModelAndItsPredictionsLeaveNoScalarToTheFinalizer() =>
        Assert.Equal((Work: 0, Control: 1), FinalizedTorchObjects.ScalarsLeftBy(() => Assert.Equal(64, TrainAndPredict("run").Clips.Count), output.WriteLine));

    /// <summary>The same training and prediction while another thread collects garbage without pause gives a calm run's probabilities.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void AnEncoderSetALabelledModelAndItsPredictionsUnderConstantGarbageCollectionMatchACalmRun()
    {
        var (calm, stressed) = CalmAndStressed(folder => Probabilities(TrainAndPredict(folder)));
        Assert.Equal(calm, stressed);
    }

    /// <summary>The numbers of a calm run, then of a run while another thread collects garbage and runs finalizers without pause.</summary>
    private (double[] Calm, double[] Stressed) CalmAndStressed(Func<string, double[]> run)
    {
        var calm = run("calm");
        double[] stressed;
        int collections;
        using (var collector = ConstantGarbageCollection.Start())
        {
            stressed = run("stressed");
            collections = collector.Collections;
        }
        output.WriteLine($"{collections} collections");
        Assert.True(collections > 100, $"only {collections} collections ran during the stressed run");
        return (calm, stressed);
    }

    /// <summary>
    /// An encoder set pre-trained on a synthetic corpus, a late fusion of both views' tuned encoders trained from it
    /// (folds and refit per view) and saved, and the saved model's predictions for every clip.
    /// </summary>
    private CorpusPredictionSet TrainAndPredict(string folder)
    {
        var input = ProtocolRunnerTests.SyntheticInput(seed: 7);
        var utterances = input.Corpus.Utterances;
        var keys = Views.ToDictionary(v => v, v => $"{v}-key");
        var request = new EncoderSetRequest(Views, keys,
            [new TrainingCorpus("synthetic", utterances.Count, EncoderSetRequest.HashOfUtterances(utterances.Select(u => u.Id)))],
            new PretrainingConfig(MaxEpochs: 2, Patience: 2, BatchSize: 32), ModelArchitecture.Paper);
        var settings = new LabelledModelSettings("mel", MethodNames.PairwiseTuned,
            new FineTuningConfig(MaxEpochs: 2, Patience: 2, BatchSize: 16, Seed: 2), ModelArchitecture.Paper);
        var setFolder = Path.Combine(_work, folder, "set");
        var modelFolder = Directory.CreateDirectory(Path.Combine(_work, folder, "model")).FullName;

        var manifest = new EncoderSetTrainer(CPU).Train("synthetic set", request, input.Features, setFolder);
        LabelledModelFolder.TrainAndSave(input.Corpus, Views, input.Features, keys, input.FineTuneLabels, settings, manifest, setFolder, modelFolder);
        return CorpusPredictions.Predict(modelFolder, input.FineTuneLabels.Name, utterances.Select(u => u.Id).ToList(), input.Features,
            CPU, BatchPadding.Fixed15s, DateTime.UnixEpoch);
    }

    private static double[] Probabilities(CorpusPredictionSet predictions) => predictions.Clips.SelectMany(c => c.Probabilities).ToArray();
}
