using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Corpora.Importers;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Corpora.Importers;

/// <summary>Runs the importer on a miniature tree laid out exactly like the IEMOCAP release.</summary>
public sealed class IemocapImporterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public IemocapImporterTests()
    {
        // (session, dialogue, utterance, label, start, end, transcript)
        (int, string, string, string, double, double, string)[] utterances =
        [
            (1, "Ses01F_impro01", "Ses01F_impro01_F000", "neu", 6.2901, 8.2357, "Excuse me."),
            (1, "Ses01F_impro01", "Ses01F_impro01_M000", "fru", 8.5, 9.1, "Do you have your forms?"),
            (1, "Ses01F_impro01", "Ses01F_impro01_F001", "xxx", 9.5, 10.0, "Yeah."),
            (1, "Ses01M_script01_1", "Ses01M_script01_1_M000", "exc", 1.0, 2.5, "What a day!"),
            (2, "Ses02F_impro02", "Ses02F_impro02_F000", "sad", 2.0, 3.0, "I miss him."),
            (2, "Ses02F_impro02", "Ses02F_impro02_M000", "hap", 3.0, 3.6, "Me too."),
            (5, "Ses05M_script01_1", "Ses05M_script01_1_F000", "ang", 1.0, 1.4, "No."),
            (5, "Ses05M_script01_1", "Ses05M_script01_1_M000", "neu", 1.5, 1.9, "Yes."),
            (5, "Ses05M_script01_2", "Ses05M_script01_2_F000", "ang", 2.0, 2.3, "Stop."),
        ];
        foreach (var group in utterances.GroupBy(u => (u.Item1, u.Item2)))
        {
            var (session, dialogue) = group.Key;
            var dialog = _folder.File($"Session{session}", "dialog");
            Directory.CreateDirectory(Path.Combine(dialog, "EmoEvaluation"));
            Directory.CreateDirectory(Path.Combine(dialog, "transcriptions"));
            var evaluation = new List<string> { "% [START_TIME - END_TIME] TURN_NAME EMOTION [V, A, D]", "" };
            var transcript = new List<string>();
            foreach (var (_, _, id, label, start, end, text) in group)
            {
                evaluation.Add($"[{start:F4} - {end:F4}]\t{id}\t{label}\t[2.5000, 3.0000, 3.5000]");
                evaluation.Add("C-E1:\tNeutral state;\t()"); // annotator votes: must not be read as labels
                evaluation.Add("A-E2:\tval 3; act 2; dom  2;\t()");
                evaluation.Add("");
                transcript.Add($"{id} [{start:000.0000}-{end:000.0000}]: {text}");
                var seconds = end - start;
                WavWriter.WritePcm16(_folder.File($"Session{session}", "sentences", "wav", dialogue, id + ".wav"),
                    new AudioClip(new float[(int)Math.Round(seconds * 16000)], 16000));
            }
            File.WriteAllLines(Path.Combine(dialog, "EmoEvaluation", dialogue + ".txt"), evaluation);
            File.WriteAllLines(Path.Combine(dialog, "transcriptions", dialogue + ".txt"), transcript);
        }
        // What real copies also contain: macOS resource forks (skipped) and a damaged file (reported).
        File.WriteAllBytes(_folder.File("Session1", "sentences", "wav", "Ses01F_impro01", "._Ses01F_impro01_F000.wav"), [0, 5, 22, 7]);
        File.WriteAllText(_folder.File("Session2", "sentences", "wav", "Ses02F_impro02", "Ses02F_impro02_F001.wav"), "RIFF....WAVEjunk");
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ImportsEveryWavWithSessionSpeakerLabelAndTranscript()
    {
        var result = new IemocapImporter(_folder.Path).Import();

        var corpus = result.Corpus;
        Assert.Equal(9, corpus.Utterances.Count);
        var problem = Assert.Single(result.Problems);
        Assert.EndsWith("Ses02F_impro02_F001.wav", problem.Path);
        var first = corpus.Utterances.Single(u => u.Id == "Ses01F_impro01_F000");
        Assert.Equal(("1", "Ses01F", "neu", "Excuse me."), (first.Session, first.Speaker, first.Label, first.Transcript));
        Assert.Equal(Path.Combine("Session1", "sentences", "wav", "Ses01F_impro01", "Ses01F_impro01_F000.wav"), first.AudioPath);
        Assert.Equal(8.2357 - 6.2901, first.DurationSeconds, 4);
        Assert.Equal("2.5000", first.Metadata!["valence"]);
        Assert.Equal("3.5000", first.Metadata["dominance"]);
        Assert.Equal("Ses01F_impro01", first.Metadata["dialog"]);
        Assert.Equal("Ses01M", corpus.Utterances.Single(u => u.Id == "Ses01F_impro01_M000").Speaker);
        Assert.Equal("Ses05F", corpus.Utterances.Single(u => u.Id == "Ses05M_script01_1_F000").Speaker);
        Assert.Equal(["1", "2", "5"], corpus.Utterances.Select(u => u.Session).Distinct());
    }

    [Fact]
    public void Iemocap10HoldsTheTenCategoriesButNotUnagreedUtterances()
    {
        var corpus = new IemocapImporter(_folder.Path).Import().Corpus;

        var labelled = corpus.Labelled(IemocapImporter.Iemocap10).Select(x => x.Utterance.Id).ToList();

        Assert.Equal(10, IemocapImporter.Iemocap10.Classes.Count);
        Assert.Equal(8, labelled.Count);
        Assert.DoesNotContain("Ses01F_impro01_F001", labelled); // "xxx"
    }

    [Fact]
    public void Iemocap4MergesExcitedIntoHappyAndLeavesOutSes05MScript01_1()
    {
        var corpus = new IemocapImporter(_folder.Path).Import().Corpus;
        var set = corpus.LabelSets.Single(s => s.Name == "IEMOCAP-4");

        var labelled = corpus.Labelled(set).ToDictionary(x => x.Utterance.Id, x => set.Classes[x.ClassIndex]);

        Assert.Equal(new Dictionary<string, string>
        {
            ["Ses01F_impro01_F000"] = "neu",
            ["Ses01M_script01_1_M000"] = "hap", // exc
            ["Ses02F_impro02_F000"] = "sad",
            ["Ses02F_impro02_M000"] = "hap",
            ["Ses05M_script01_2_F000"] = "ang",
        }, labelled);
    }

    [Fact]
    public void SpeakerComesFromTheGenderLetterOfTheLastIdPart()
    {
        Assert.Equal("Ses03M", IemocapImporter.SpeakerOf("Ses03F_impro05b_M012"));
        Assert.Equal("Ses04F", IemocapImporter.SpeakerOf("Ses04M_script02_2_F003"));
        Assert.Null(IemocapImporter.SpeakerOf("recording_001"));
    }

    [Fact]
    public void AFolderWithoutSessionsIsRejectedWithAHint()
    {
        var error = Assert.Throws<InvalidDataException>(() => new IemocapImporter(_folder.File("Session1")).Import());

        Assert.Contains("Session1..Session5", error.Message);
    }
}
