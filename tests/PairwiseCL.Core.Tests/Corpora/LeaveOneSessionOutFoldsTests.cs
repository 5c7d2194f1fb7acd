using PairwiseCL.Core.Corpora;

namespace PairwiseCL.Core.Tests.Corpora;

public sealed class LeaveOneSessionOutFoldsTests
{
    private static readonly List<Utterance> Utterances =
        new[] { "1", "2", "3", "4", "5" }.SelectMany(s => Enumerable.Range(0, 7 + int.Parse(s)).Select(i =>
            new Utterance($"s{s}_{i}", $"{s}/{i}.wav", 1.0, $"spk{s}{i % 2}", s, i % 3 == 0 ? "a" : "b"))).ToList();

    [Fact]
    public void FoldKTestsSessionKAndValidatesOnTheNextSessionCyclically()
    {
        var folds = LeaveOneSessionOutFolds.Create(Utterances);

        Assert.Equal(
            [("1", "2"), ("2", "3"), ("3", "4"), ("4", "5"), ("5", "1")],
            folds.Select(f => (f.TestSession, f.ValidationSession)));
        Assert.Equal([0, 1, 2, 3, 4], folds.Select(f => f.Index));
    }

    [Fact]
    public void SetsAreDisjointCoverEverythingAndFollowTheSessions()
    {
        foreach (var fold in LeaveOneSessionOutFolds.Create(Utterances))
        {
            Assert.All(fold.Test, u => Assert.Equal(fold.TestSession, u.Session));
            Assert.All(fold.Validation, u => Assert.Equal(fold.ValidationSession, u.Session));
            Assert.All(fold.Train, u => Assert.DoesNotContain(u.Session, new[] { fold.TestSession, fold.ValidationSession }));
            var all = fold.Train.Concat(fold.Validation).Concat(fold.Test).Select(u => u.Id).ToList();
            Assert.Equal(all.Count, all.Distinct().Count());
            Assert.Equal(Utterances.Select(u => u.Id).Order(), all.Order());
            Assert.Equal(3, fold.Train.Select(u => u.Session).Distinct().Count());
        }
    }

    [Fact]
    public void EverySessionIsTestedOnceAndValidatesOnce()
    {
        var folds = LeaveOneSessionOutFolds.Create(Utterances);

        Assert.Equal(["1", "2", "3", "4", "5"], folds.Select(f => f.TestSession).Order());
        Assert.Equal(["1", "2", "3", "4", "5"], folds.Select(f => f.ValidationSession).Order());
    }

    [Fact]
    public void NumericSessionNamesAreOrderedAsNumbers()
    {
        var utterances = new[] { "10", "9", "03" }.Select(s => new Utterance(s, s, 1, s, s)).ToList();

        var folds = LeaveOneSessionOutFolds.Create(utterances);

        Assert.Equal(["03", "9", "10"], folds.Select(f => f.TestSession));
    }

    [Fact]
    public void LabelSetFoldsLeaveOutExcludedAndUnlabelledUtterances()
    {
        var corpus = new Corpus("c", "/", Utterances, []);
        var onlyA = new LabelSet("A", ["a"], ExcludedIdPrefixes: ["s1_0"]);

        var folds = LeaveOneSessionOutFolds.Create(corpus, onlyA);

        var used = folds[0].Train.Concat(folds[0].Validation).Concat(folds[0].Test).ToList();
        Assert.All(used, u => Assert.Equal("a", u.Label));
        Assert.DoesNotContain(used, u => u.Id == "s1_0");
        Assert.Equal(Utterances.Count(u => u.Label == "a") - 1, used.Count);
    }

    [Fact]
    public void FewerThanThreeSessionsIsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => LeaveOneSessionOutFolds.Create(Utterances.Where(u => u.Session is "1" or "2")));

        Assert.Contains("at least 3 sessions", error.Message);
    }

    [Fact]
    public void LeaveOneSpeakerOutTestsEverySpeakerOnceAndNeverTrainsOnTheTestOrValidationSpeaker()
    {
        var folds = LeaveOneSessionOutFolds.Create(Utterances, FoldScheme.LeaveOneSpeakerOut);
        var speakers = Utterances.Select(u => u.Speaker).Distinct().Order().ToList();
        Assert.Equal(speakers.Count, folds.Count);
        Assert.Equal(speakers, folds.Select(f => f.TestSession).Order().ToList());
        foreach (var fold in folds)
        {
            Assert.All(fold.Test, u => Assert.Equal(fold.TestSession, u.Speaker));
            Assert.All(fold.Validation, u => Assert.Equal(fold.ValidationSession, u.Speaker));
            Assert.DoesNotContain(fold.Train, u => u.Speaker == fold.TestSession || u.Speaker == fold.ValidationSession);
            Assert.Equal(Utterances.Count, fold.Train.Count + fold.Validation.Count + fold.Test.Count);
        }
    }

    [Fact]
    public void TooFewSpeakersAreRefusedByName()
    {
        var two = Utterances.Select(u => u with { Speaker = u.Speaker.EndsWith('0') ? "A" : "B" }).ToList();
        var error = Assert.Throws<ArgumentException>(() => LeaveOneSessionOutFolds.Create(two, FoldScheme.LeaveOneSpeakerOut));
        Assert.Contains("speaker", error.Message);
    }
}
