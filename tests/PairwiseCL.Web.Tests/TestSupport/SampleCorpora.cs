using PairwiseCL.Core.Corpora;

namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>Small corpora with every field set, so a lost field shows up in a comparison.</summary>
public static class SampleCorpora
{
    public static Corpus Iemocap(string name = "iemocap-mini") => new(
        name,
        "/data/iemocap",
        [
            new Utterance("Ses01F_impro01_F000", "Session1/sentences/wav/Ses01F_impro01/Ses01F_impro01_F000.wav", 1.94, "Ses01F", "1", "neu", "Excuse me."),
            new Utterance("Ses01F_impro01_M001", "Session1/sentences/wav/Ses01F_impro01/Ses01F_impro01_M001.wav", 2.5, "Ses01M", "1", "exc", null,
                new Dictionary<string, string> { ["valence"] = "3.5", ["arousal"] = "4.0" }),
            new Utterance("Ses02F_script01_F010", "/abs/elsewhere/clip.wav", 3.25, "Ses02F", "2", null, "Where were you?"),
            new Utterance("Ses05M_script01_1_F001", "Session5/x.wav", 0.75, "Ses05M", "5", "ang"),
        ],
        [
            new LabelSet("IEMOCAP-10", ["neu", "ang", "sad", "hap", "exc", "fru", "fea", "sur", "dis", "oth"]),
            new LabelSet("IEMOCAP-4", ["neu", "ang", "sad", "hap"], new Dictionary<string, string> { ["exc"] = "hap" }, ["Ses05M_script01_1"]),
        ]);

    public static void AssertSame(Corpus expected, Corpus actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.AudioRoot, actual.AudioRoot);
        Assert.Equal(expected.Utterances.Count, actual.Utterances.Count);
        foreach (var (e, a) in expected.Utterances.Zip(actual.Utterances))
        {
            // Records compare dictionaries by reference, so compare the metadata by content.
            Assert.Equal(e with { Metadata = null }, a with { Metadata = null });
            Assert.Equal(e.Metadata?.OrderBy(p => p.Key), a.Metadata?.OrderBy(p => p.Key));
        }
        Assert.Equal(expected.LabelSets.Count, actual.LabelSets.Count);
        foreach (var (e, a) in expected.LabelSets.Zip(actual.LabelSets))
        {
            Assert.Equal(e.Name, a.Name);
            Assert.Equal(e.Classes, a.Classes);
            Assert.Equal(e.Merges?.OrderBy(p => p.Key), a.Merges?.OrderBy(p => p.Key));
            Assert.Equal(e.ExcludedIdPrefixes, a.ExcludedIdPrefixes);
        }
    }
}
