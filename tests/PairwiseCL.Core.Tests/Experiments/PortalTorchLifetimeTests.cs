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

    [Fact]
    public void AnActiveLearningSimulationLeavesNoScalarToTheFinalizer()
    {
        // Both views and every strategy: pre-training, representations and each selection's own code.
        var configuration = ActiveLearningConfiguration.Quick(Views) with
        {
            Strategies = SelectionStrategies.All, RoundSize = 4, Budget = 8, Repeats = 1,
            Pretraining = new PretrainingConfig(MaxEpochs: 2, Patience: 2, BatchSize: 32),
        };
        var input = ProtocolRunnerTests.SyntheticInput(seed: 6);
        ActiveLearningReport? report = null;

        var left = FinalizedTorchObjects.ScalarsLeftBy(
            () => report = new ActiveLearningSimulation(Path.Combine(_work, "simulation"), device: CPU).Run(configuration, input),
            output.WriteLine);

        Assert.NotEmpty(report!.Runs);
        Assert.Equal((Work: 0, Control: 1), left);
    }

    [Fact]
    public void AnEncoderSetALabelledModelAndItsPredictionsLeaveNoScalarToTheFinalizer()
    {
        var input = ProtocolRunnerTests.SyntheticInput(seed: 7);
        var utterances = input.Corpus.Utterances;
        var keys = Views.ToDictionary(v => v, v => $"{v}-key");
        var request = new EncoderSetRequest(Views, keys,
            [new TrainingCorpus("synthetic", utterances.Count, EncoderSetRequest.HashOfUtterances(utterances.Select(u => u.Id)))],
            new PretrainingConfig(MaxEpochs: 2, Patience: 2, BatchSize: 32), ModelArchitecture.Paper);
        // Tuned encoders in a late fusion: folds and refit per view, both encoders' fine-tuning and a fused prediction.
        var settings = new LabelledModelSettings("mel", MethodNames.PairwiseTuned,
            new FineTuningConfig(MaxEpochs: 2, Patience: 2, BatchSize: 16, Seed: 2), ModelArchitecture.Paper);
        var setFolder = Path.Combine(_work, "set");
        var modelFolder = Directory.CreateDirectory(Path.Combine(_work, "model")).FullName;
        CorpusPredictionSet? predictions = null;

        var left = FinalizedTorchObjects.ScalarsLeftBy(() =>
        {
            var manifest = new EncoderSetTrainer(CPU).Train("synthetic set", request, input.Features, setFolder);
            LabelledModelFolder.TrainAndSave(input.Corpus, Views, input.Features, keys, input.FineTuneLabels, settings, manifest, setFolder, modelFolder);
            predictions = CorpusPredictions.Predict(modelFolder, input.FineTuneLabels.Name, utterances.Select(u => u.Id).ToList(), input.Features,
                CPU, BatchPadding.Fixed15s, DateTime.UnixEpoch);
        }, output.WriteLine);

        Assert.Equal(utterances.Count, predictions!.Clips.Count);
        Assert.Equal((Work: 0, Control: 1), left);
    }
}
