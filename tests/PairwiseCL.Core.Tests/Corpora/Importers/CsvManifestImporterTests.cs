using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Corpora.Importers;
using PairwiseCL.Core.Tests.Audio;
using PairwiseCL.Core.Tests.TestSupport;
using PairwiseCL.Core.Progress;

namespace PairwiseCL.Core.Tests.Corpora.Importers;

public sealed class CsvManifestImporterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CsvManifestOptions EmoDbOptions(string? audioRoot = null) => new(
        Path.Combine(SharedData.EmoDbDev, "labels.csv"), audioRoot, SessionColumn: "speaker", LabelColumn: "emotion");

    [Fact]
    public void ImportsTheEmoDbDevManifestWithRenamedColumns()
    {
        var result = new CsvManifestImporter(EmoDbOptions()).Import();

        var corpus = result.Corpus;
        Assert.Empty(result.Problems);
        Assert.Equal(188, corpus.Utterances.Count);
        Assert.Equal(["03", "08", "09", "10"], corpus.Utterances.Select(u => u.Session).Distinct().Order());
        Assert.All(corpus.Utterances, u => Assert.Equal(u.Speaker, u.Session));
        var first = corpus.Utterances.Single(u => u.Id == "03a01Fa");
        Assert.Equal("happiness", first.Label);
        Assert.Equal(Path.Combine("wav", "03a01Fa.wav"), first.AudioPath);
        Assert.Equal(new Dictionary<string, string> { ["utterance"] = "03a01Fa", ["gender"] = "m", ["text"] = "a01" }, first.Metadata);
        var decoded = WavReader.Read(corpus.ResolveAudioPath(first));
        Assert.Equal(decoded.DurationSeconds, first.DurationSeconds, 9);
        var labelSet = Assert.Single(corpus.LabelSets);
        Assert.Equal(["anger", "boredom", "disgust", "fear", "happiness", "neutral", "sadness"], labelSet.Classes);
        Assert.Equal(188, corpus.Labelled(labelSet).Count());
    }

    [Fact]
    public void PathsRelativeToTheManifestAreFoundWhenTheAudioRootIsTheWavFolder()
    {
        var wav = Path.Combine(SharedData.EmoDbDev, "wav");

        var result = new CsvManifestImporter(EmoDbOptions(wav)).Import();

        Assert.Empty(result.Problems);
        Assert.Equal(188, result.Corpus.Utterances.Count);
        Assert.Equal(wav, result.Corpus.AudioRoot);
        Assert.Equal("03a01Fa.wav", result.Corpus.Utterances.Single(u => u.Id == "03a01Fa").AudioPath);
    }

    [Fact]
    public void AManifestWithoutARequiredColumnNamesWhatIsMissingAndWhatItHas()
    {
        var options = new CsvManifestOptions(Path.Combine(SharedData.EmoDbDev, "labels.csv"));

        var error = Assert.Throws<InvalidDataException>(() => new CsvManifestImporter(options).Import());

        Assert.Contains("'session'", error.Message);
        Assert.Contains("'label'", error.Message);
        Assert.Contains("file, utterance, speaker, gender, text, emotion", error.Message);
    }

    [Fact]
    public void ReadsQuotedFieldsSemicolonsAndKeepsExtraColumns()
    {
        WriteClip("a.wav", 0.5);
        WriteClip(Path.Combine("sub", "b.wav"), 0.25);
        var manifest = _folder.File("manifest.csv");
        File.WriteAllText(manifest,
            "file;speaker;session;label;transcript;notes\n" +
            "a.wav;spk1;s1;angry;\"Hello; \"\"quoted\"\" world\";\"two\nlines\"\n" +
            "sub/b.wav;spk2;s2;calm;;plain\n");

        var result = new CsvManifestImporter(new CsvManifestOptions(manifest)).Import();

        Assert.Empty(result.Problems);
        var (a, b) = (result.Corpus.Utterances[0], result.Corpus.Utterances[1]);
        Assert.Equal(("a", "spk1", "s1", "angry"), (a.Id, a.Speaker, a.Session, a.Label));
        Assert.Equal("Hello; \"quoted\" world", a.Transcript);
        Assert.Equal("two\nlines", a.Metadata!["notes"]);
        Assert.Equal(0.5, a.DurationSeconds, 6);
        Assert.Null(b.Transcript);
        Assert.Equal(Path.Combine("sub", "b.wav"), b.AudioPath);
        Assert.Equal(0.25, b.DurationSeconds, 6);
    }

    [Fact]
    public void ReportsMissingCorruptAndIncompleteRowsAndImportsTheRest()
    {
        WriteClip("good.wav", 0.2);
        File.WriteAllText(_folder.File("notes.wav"), "not audio");
        File.WriteAllBytes(_folder.File("empty.wav"), []);
        var manifest = _folder.File("m.csv");
        File.WriteAllText(manifest,
            "file,speaker,session,label\n" +
            "good.wav,s,1,x\n" +
            "missing.wav,s,1,x\n" +
            "notes.wav,s,1,x\n" +
            "empty.wav,s,1,x\n" +
            "good.wav,s,,x\n");

        var result = new CsvManifestImporter(new CsvManifestOptions(manifest)).Import();

        Assert.Equal("good", Assert.Single(result.Corpus.Utterances).Id);
        Assert.Equal(4, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Path.EndsWith("missing.wav") && p.Message.Contains("does not exist"));
        Assert.Contains(result.Problems, p => p.Path.EndsWith("notes.wav"));
        Assert.Contains(result.Problems, p => p.Path.EndsWith("empty.wav") && p.Message.Contains("empty"));
        Assert.Contains(result.Problems, p => p.Path.Contains("row 6") && p.Message.Contains("'session'"));
    }

    [Fact]
    public void RepeatedFileNamesInDifferentFoldersGetPathIds()
    {
        WriteClip(Path.Combine("x", "1.wav"), 0.1);
        WriteClip(Path.Combine("y", "1.wav"), 0.1);
        var manifest = _folder.File("m.csv");
        File.WriteAllText(manifest, "file,speaker,session\nx/1.wav,a,1\ny/1.wav,b,2\n");

        var result = new CsvManifestImporter(new CsvManifestOptions(manifest, LabelColumn: null)).Import();

        Assert.Equal(["x/1", "y/1"], result.Corpus.Utterances.Select(u => u.Id));
        Assert.All(result.Corpus.Utterances, u => Assert.Null(u.Label));
        Assert.Empty(result.Corpus.LabelSets);
    }

    [Fact]
    public void ReportsProgressForEveryFileAndHonoursCancellation()
    {
        var reports = new List<ImportProgress>();
        // Files are read in parallel and each worker reports as it finishes one.
        var progress = new InlineProgress<ImportProgress>(r => { lock (reports) reports.Add(r); });

        new CsvManifestImporter(EmoDbOptions()).Import(progress);

        Assert.Equal(188, reports.Count);
        Assert.Equal(188, reports.Max(r => r.Done));
        Assert.All(reports, r => Assert.Equal(188, r.Total));
        Assert.ThrowsAny<OperationCanceledException>(() => new CsvManifestImporter(EmoDbOptions()).Import(ct: new CancellationToken(true)));
    }

    private void WriteClip(string relativePath, double seconds) =>
        WavWriter.WritePcm16(_folder.File(relativePath), new AudioClip(TestWav.Tone(300, 16000, seconds).Select(v => (float)v).ToArray(), 16000));
}
