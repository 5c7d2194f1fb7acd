using PairwiseCL.Core.Corpora;
using PairwiseCL.Web.Datasets;

namespace PairwiseCL.Web.Tests.Datasets;

public sealed class CorpusDistributionTests
{
    [Fact]
    public void Counts_ClipsPerLabel_AndPerSessionByLabel_WithUnlabelledClipsShown()
    {
        var corpus = new Corpus("c", "/audio",
        [
            new Utterance("1", "1.wav", 1, "s1", "10", "neu"),
            new Utterance("2", "2.wav", 1, "s1", "2", "ang"),
            new Utterance("3", "3.wav", 1, "s2", "2", "neu"),
            new Utterance("4", "4.wav", 1, "s2", "10", null),
        ], []);

        var distribution = CorpusDistribution.Of(corpus);

        Assert.Equal(["neu", "ang", CorpusDistribution.Unlabelled], distribution.Labels);
        Assert.Equal([2, 1, 1], distribution.ClipsPerLabel);
        Assert.Equal(["2", "10"], distribution.Sessions);
        Assert.Equal([1, 1], distribution.ClipsPerSessionByLabel[0]);
        Assert.Equal([1, 0], distribution.ClipsPerSessionByLabel[1]);
        Assert.Equal([0, 1], distribution.ClipsPerSessionByLabel[2]);
        Assert.Equal(1, distribution.AxisStep);
    }

    [Fact]
    public void UnderALabelSet_MergedLabelsCountAsTheirClass_AndOthersAsOutside()
    {
        var corpus = new Corpus("c", "/audio",
        [
            new Utterance("1", "1.wav", 1, "s1", "1", "neutral"),
            new Utterance("2", "2.wav", 1, "s1", "1", "calm"),
            new Utterance("3", "3.wav", 1, "s1", "1", "bored"),
            new Utterance("4", "4.wav", 1, "s1", "1", null),
        ], []);
        var set = new LabelSet("emotions", ["neutral", "anger"], new Dictionary<string, string> { ["calm"] = "neutral" });

        var distribution = CorpusDistribution.Of(corpus, set);

        Assert.Equal(["neutral", "(not in emotions)", CorpusDistribution.Unlabelled], distribution.Labels);
        Assert.Equal([2, 1, 1], distribution.ClipsPerLabel);
        Assert.Equal(1, distribution.ClassCount);
        Assert.Equal(3, CorpusDistribution.Of(corpus).ClassCount);
    }
}
