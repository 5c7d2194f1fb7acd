using CsvHelper;
using System.Globalization;
using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Corpora.Importers;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Corpora.Importers;

public sealed class EmoDbImporterTests
{
    [Fact]
    public void ImportsTheRealEmoDbDevFolderInAgreementWithItsLabelsCsv()
    {
        var result = new EmoDbImporter(Path.Combine(SharedData.EmoDbDev, "wav")).Import();

        Assert.Empty(result.Problems);
        var corpus = result.Corpus;
        Assert.Equal(188, corpus.Utterances.Count);
        Assert.Equal(["03", "08", "09", "10"], corpus.Utterances.Select(u => u.Speaker).Distinct().Order());
        Assert.All(corpus.Utterances, u => Assert.Equal(u.Speaker, u.Session));
        // The distributed labels.csv is an independent reference for the letter decoding and genders.
        foreach (var row in ReadLabelsCsv())
        {
            var utterance = corpus.Utterances.Single(u => u.Id == row["utterance"]);
            Assert.Equal(row["emotion"], utterance.Label);
            Assert.Equal(row["gender"], utterance.Metadata!["gender"]);
            Assert.Equal(row["text"], utterance.Metadata["text"]);
        }
        Assert.Equal(188, corpus.Labelled(EmoDbImporter.EmoDb7).Count());
        Assert.Equal(7, corpus.Labelled(EmoDbImporter.EmoDb7).Select(x => x.ClassIndex).Distinct().Count());
    }

    [Fact]
    public void ReportsMisnamedAndCorruptFilesAndAcceptsUpperCaseExtensions()
    {
        using var folder = new TempFolder();
        WavWriter.WritePcm16(folder.File("11b10Td.wav"), new AudioClip(new float[1600], 16000));
        WavWriter.WritePcm16(folder.File("upper", "14a07Lb.WAV"), new AudioClip(new float[800], 16000));
        WavWriter.WritePcm16(folder.File("speech.wav"), new AudioClip(new float[1600], 16000));
        File.WriteAllBytes(folder.File("12a05Wa.wav"), [1, 2, 3]);

        var result = new EmoDbImporter(folder.Path).Import();

        Assert.Equal(2, result.Corpus.Utterances.Count);
        var utterance = result.Corpus.Utterances[0];
        Assert.Equal(("11", "sadness", "m", 0.1), (utterance.Session, utterance.Label, utterance.Metadata!["gender"], utterance.DurationSeconds));
        Assert.Equal(("14a07Lb", "boredom", "f"), (result.Corpus.Utterances[1].Id, result.Corpus.Utterances[1].Label, result.Corpus.Utterances[1].Metadata!["gender"]));
        Assert.Equal(2, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Path.EndsWith("speech.wav") && p.Message.Contains("naming"));
        Assert.Contains(result.Problems, p => p.Path.EndsWith("12a05Wa.wav"));
    }

    private static List<Dictionary<string, string>> ReadLabelsCsv()
    {
        using var reader = new StreamReader(Path.Combine(SharedData.EmoDbDev, "labels.csv"));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        return csv.GetRecords<dynamic>().Select(r => ((IDictionary<string, object>)r).ToDictionary(kv => kv.Key, kv => (string)kv.Value)).ToList();
    }
}
