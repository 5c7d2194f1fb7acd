using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Web.Experiments;

namespace PairwiseCL.Web.Tests.Experiments;

public sealed class ExperimentValidatorTests
{
    private static readonly string[] Views = ["mel"];

    [Fact]
    public void ValidDraft_HasNoProblems_AndUsesTheNamedLabelSet()
    {
        var problems = new List<string>();

        var labels = ExperimentValidator.Check(Draft(), Corpus(sessions: 3, perClass: 4), Views, 200, problems);

        Assert.Empty(problems);
        Assert.Equal("emotions", labels?.Name);
    }

    [Fact]
    public void TwoSessions_AreRefused_NamingTheLeaveOneSessionOutRule()
    {
        var problems = new List<string>();

        var labels = ExperimentValidator.Check(Draft(), Corpus(sessions: 2, perClass: 4), Views, 200, problems);

        Assert.Null(labels);
        Assert.Contains(problems, p => p.Contains("at least 3 sessions") && p.Contains("has 2"));
    }

    [Fact]
    public void FractionBelowOneExamplePerClass_IsRefused_WithTheSmallestUsableFraction()
    {
        var draft = Draft();
        draft.FractionsPercent = [5, 100];
        var problems = new List<string>();

        // Two training sessions x 4 clips = 8 examples per class: 5% rounds to none; 6.25% keeps one.
        ExperimentValidator.Check(draft, Corpus(sessions: 4, perClass: 4), Views, 200, problems);

        Assert.Contains(problems, p => p.Contains("5% of the 8 'happy' training examples") && p.Contains("at least 6.25%"));
    }

    [Fact]
    public void ClassMissingFromAFoldsTrainingSessions_IsNamed()
    {
        var corpus = Corpus(sessions: 3, perClass: 2);
        // "sad" only in session 1: the fold testing session 3 validates on 1 and trains on 2, without "sad".
        corpus = corpus with { Utterances = corpus.Utterances.Where(u => u.Label != "sad" || u.Session == "1").ToList() };
        var problems = new List<string>();

        ExperimentValidator.Check(Draft(), corpus, Views, 200, problems);

        Assert.Contains(problems, p => p.Contains("'sad' has no labelled example in the training sessions"));
    }

    [Fact]
    public void UnknownViewsLabelsAndBadNumbers_AreAllReported()
    {
        var draft = Draft();
        draft.LabelSetName = null;
        draft.Labels = ["happy", "bored"];
        draft.Views = ["mel", "wav2vec2"];
        draft.Repeats = 0;
        draft.LearningRate = 0;
        draft.Name = " ";
        var problems = new List<string>();

        ExperimentValidator.Check(draft, Corpus(sessions: 3, perClass: 4), Views, 200, problems);

        Assert.Contains(problems, p => p.Contains("Give the experiment a name"));
        Assert.Contains(problems, p => p.Contains("wav2vec2") && p.Contains("not available"));
        Assert.Contains(problems, p => p.Contains("Repeats per fraction must be between 1 and 1000"));
        Assert.Contains(problems, p => p.Contains("learning rate"));
        Assert.Contains(problems, p => p.Contains("bored") && p.Contains("do not occur"));
    }

    [Fact]
    public void NoViewsBadFractionsAndANegativeTau_AreThreePlainMessages_AtOnce()
    {
        var draft = Draft();
        draft.Methods = [.. MethodNames.All];
        draft.Views = [];
        draft.FractionsPercent = [0, 150];
        draft.Temperatures = [-1];
        var problems = new List<string>();

        ExperimentValidator.Check(draft, Corpus(sessions: 3, perClass: 4), Views, 200, problems);

        Assert.Equal(3, problems.Count);
        Assert.Contains("Choose two views: Pairwise-CL pre-training needs two, and none is chosen.", problems);
        Assert.Contains("Label fractions are percentages above 0 and at most 100; 0 and 150 are not.", problems);
        Assert.Contains("Temperatures (tau) must be above 0; -1 is not.", problems);
        Assert.DoesNotContain(problems, p => p.Contains("got"));
    }

    [Fact]
    public void ZeroRepeatsBatchAndEpochs_AreRefusedByName_NotRaised()
    {
        var draft = Draft();
        draft.Repeats = 0;
        draft.BatchSize = 0;
        draft.PretrainEpochs = 0;
        draft.FineTuneEpochs = 0;
        var problems = new List<string>();

        ExperimentValidator.Check(draft, Corpus(sessions: 3, perClass: 4), Views, 200, problems);

        Assert.Contains("Repeats per fraction must be between 1 and 1000; 0 is not.", problems);
        Assert.Contains("Batch size must be at least 2; 0 is not.", problems);
        Assert.Contains("Pre-training epochs must be at least 1; 0 is not.", problems);
        Assert.Contains("Fine-tuning epochs must be at least 1; 0 is not.", problems);
        Assert.Equal(0, draft.Repeats);
    }

    private static ExperimentDraft Draft() => new()
    {
        Name = "check",
        CorpusId = 1,
        LabelSetName = "emotions",
        Views = ["mel"],
        Methods = [MethodNames.Supervised],
        FractionsPercent = [50, 100],
        Repeats = 1,
        Temperatures = [0.5],
    };

    /// <summary>Sessions with one speaker each and <paramref name="perClass"/> clips of 'happy' and 'sad' per session.</summary>
    internal static Corpus Corpus(int sessions, int perClass)
    {
        var classes = new[] { "happy", "sad" };
        var utterances = (
            from session in Enumerable.Range(1, sessions)
            from label in classes
            from i in Enumerable.Range(0, perClass)
            select new Utterance($"s{session}_{label}_{i}", $"{session}/{label}_{i}.wav", 1.0, $"spk{session}", session.ToString(), label)).ToList();
        return new Corpus("tiny", "/audio", utterances, [new LabelSet("emotions", classes)]);
    }
}
