using PairwiseCL.Core.ActiveLearning;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Web.Experiments;

namespace PairwiseCL.Web.Tests.Experiments;

/// <summary>The new-experiment form's and the API's checks of an active-learning simulation, before anything is stored.</summary>
public sealed class ActiveLearningValidatorTests
{
    private static readonly string[] Views = ["mel", "egemaps"];

    [Fact]
    public void ASensibleSimulation_HasNoProblems_AndKeepsItsNumbersInTheConfiguration()
    {
        var problems = new List<string>();

        var labels = ExperimentValidator.Check(Draft(), Corpus(sessions: 3, perClass: 4), Views, 200, problems);

        Assert.Empty(problems);
        Assert.Equal("emotions", labels?.Name);
        var configuration = Draft().ToActiveLearning();
        Assert.Equal((4, 8, 2), (configuration.RoundSize, configuration.Budget, configuration.Repeats));
        Assert.Equal(["random", "diversity"], configuration.Strategies);
        Assert.Equal((1, 0.5), (configuration.Pretraining.MaxEpochs, configuration.Pretraining.Temperature));
    }

    [Fact]
    public void AbsurdNumbers_AreAllRefusedAtOnce_InPlainWords()
    {
        var draft = Draft();
        draft.RoundSize = 0;
        draft.Repeats = 5000;
        draft.Strategies = ["random", "clairvoyant"];
        draft.Temperatures = [-1];
        draft.PretrainEpochs = 0;
        draft.Views = ["mel"];
        var problems = new List<string>();

        var labels = ExperimentValidator.Check(draft, Corpus(sessions: 3, perClass: 4), Views, 200, problems);

        Assert.Null(labels);
        Assert.Contains("The round size must be between 1 and 1000 clips; 0 given.", problems);
        Assert.Contains("Repeats must be between 1 and 1000; 5000 given.", problems);
        Assert.Contains(problems, p => p.StartsWith("Unknown selection strategy clairvoyant; known: sequential, random", StringComparison.Ordinal));
        Assert.Contains("The temperature (tau) must be above 0; -1 is not.", problems);
        Assert.Contains("Pre-training epochs must be at least 1; 0 is not.", problems);
        Assert.Contains("Pairwise-CL pre-training needs at least two views; 1 given.", problems);
        // The protocol's own fields do not apply to a simulation: no word about fractions or fine-tuning.
        Assert.DoesNotContain(problems, p => p.Contains("fraction", StringComparison.OrdinalIgnoreCase) || p.Contains("Fine-tuning", StringComparison.Ordinal));
    }

    [Fact]
    public void ABudgetNoPoolCanPay_IsRefused_WithTheLargestPool()
    {
        var draft = Draft();
        draft.Budget = 5000;
        var problems = new List<string>();

        // 3 sessions × 2 classes × 4 clips: a fold's pool is the 16 labelled clips outside its test session.
        ExperimentValidator.Check(draft, Corpus(sessions: 3, perClass: 4), Views, 200, problems);

        Assert.Equal(["The budget (5000 clips) is more than any fold's pool holds: at most 16 labelled clips lie outside a test session; lower it to 16 or fewer."], problems);
    }

    [Fact]
    public void ABudgetBelowOneRound_AndTooFewSpeakers_AreNamed()
    {
        var draft = Draft();
        draft.Budget = 2;
        draft.FoldScheme = FoldScheme.LeaveOneSpeakerOut;
        var corpus = Corpus(sessions: 3, perClass: 4);
        corpus = corpus with { Utterances = corpus.Utterances.Select(u => u with { Speaker = u.Session == "1" ? "a" : "b" }).ToList() };
        var problems = new List<string>();

        ExperimentValidator.Check(draft, corpus, Views, 200, problems);

        Assert.Contains("The budget (2) is smaller than one round (4).", problems);
        Assert.Contains("Leave-one-speaker-out needs at least 3 speakers (test, validation, training); 'tiny' has 2.", problems);
    }

    [Fact]
    public void AnUnknownKind_IsRefusedByName()
    {
        var draft = Draft();
        draft.Kind = "séance";
        var problems = new List<string>();

        Assert.Null(ExperimentValidator.Check(draft, Corpus(sessions: 3, perClass: 4), Views, 200, problems));

        Assert.Equal(["Unknown experiment kind 'séance'; known: protocol, active-learning."], problems);
    }

    [Fact]
    public void TheStoredKind_IsReadFromTheConfiguration_AndTheProtocolReaderRefusesASimulation()
    {
        var simulation = new ActiveLearningLaunch(Draft().ToActiveLearning(), new LabelSet("emotions", ["happy", "sad"])).ToJson();
        var protocol = new ExperimentLaunch(new ExperimentDraft { Views = ["mel"] }.ToConfiguration(), new LabelSet("emotions", ["happy", "sad"])).ToJson();

        Assert.Equal(ExperimentKinds.ActiveLearning, ExperimentKinds.Of(simulation));
        Assert.Equal(ExperimentKinds.Protocol, ExperimentKinds.Of(protocol));
        Assert.Equal(Draft().ToActiveLearning().Strategies, ActiveLearningLaunch.FromJson(simulation).Simulation.Strategies);
        Assert.Equal(8, ActiveLearningLaunch.FromJson(simulation).Simulation.Budget);
        Assert.Throws<InvalidDataException>(() => ExperimentLaunch.FromJson(simulation));
        Assert.Throws<InvalidDataException>(() => ActiveLearningLaunch.FromJson(protocol));
    }

    private static ExperimentDraft Draft()
    {
        var draft = SimulatedExperiment.SimulationDraft(corpusId: 1);
        draft.LabelSetName = "emotions";
        return draft;
    }

    private static Corpus Corpus(int sessions, int perClass) => ExperimentValidatorTests.Corpus(sessions, perClass);
}
