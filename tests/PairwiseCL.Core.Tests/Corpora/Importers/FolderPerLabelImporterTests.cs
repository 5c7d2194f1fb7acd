using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Corpora.Importers;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Corpora.Importers;

public sealed class FolderPerLabelImporterTests
{
    [Fact]
    public void EachSubFolderIsALabelAndNonAudioFilesAreReported()
    {
        using var folder = new TempFolder();
        WavWriter.WritePcm16(folder.File("angry", "a1.wav"), new AudioClip(new float[8000], 16000));
        WavWriter.WritePcm16(folder.File("angry", "take2", "a2.wav"), new AudioClip(new float[4000], 16000));
        WavWriter.WritePcm16(folder.File("calm", "c1.wav"), new AudioClip(new float[16000], 16000));
        File.WriteAllText(folder.File("calm", "README.txt"), "recorded in 2024");
        File.WriteAllText(folder.File("calm", ".DS_Store"), "");

        var result = new FolderPerLabelImporter(folder.Path).Import();

        Assert.Equal(
            [("angry/a1", "angry", 0.5), ("angry/take2/a2", "angry", 0.25), ("calm/c1", "calm", 1.0)],
            result.Corpus.Utterances.Select(u => (u.Id, u.Label!, u.DurationSeconds)));
        Assert.EndsWith("README.txt", Assert.Single(result.Problems).Path);
        Assert.Equal(["angry", "calm"], Assert.Single(result.Corpus.LabelSets).Classes);
        Assert.All(result.Corpus.Utterances, u => Assert.Equal(FolderPerLabelImporter.UnknownSpeaker, u.Session));
    }

    [Fact]
    public void WavInAnEncodingTheReaderLacksGoesToTheDecoderAndIsReportedWhenItFails()
    {
        using var folder = new TempFolder();
        var bytes = Audio.TestWav.Build([[0.5, -0.25]], 8000, Audio.TestWav.Encoding.Pcm, 16);
        bytes[20] = 2; // Microsoft ADPCM format tag
        Directory.CreateDirectory(folder.File("calm"));
        File.WriteAllBytes(folder.File("calm", "adpcm.wav"), bytes);
        var withoutFfmpeg = new AudioDecoder(new FfmpegDecoder("/nonexistent/ffmpeg"));

        var result = new FolderPerLabelImporter(folder.Path, withoutFfmpeg).Import();

        Assert.Empty(result.Corpus.Utterances);
        Assert.Contains("ffmpeg did not decode it either", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void AFolderWithoutLabelFoldersIsRejected()
    {
        using var folder = new TempFolder();

        Assert.Throws<InvalidDataException>(() => new FolderPerLabelImporter(folder.Path).Import());
        Assert.Throws<DirectoryNotFoundException>(() => new FolderPerLabelImporter(folder.File("nope")).Import());
    }
}
