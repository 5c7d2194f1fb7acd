using System.Diagnostics;
using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Files;
using PairwiseCL.Core.Tests.Audio;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Files;

/// <summary>
/// The store's files are refused by every reader a user-named path reaches, however they are named:
/// directly, through a symbolic link or through a second hard link. The "store" here holds a valid WAV,
/// so a reader that opened it would succeed and the test would fail.
/// </summary>
public sealed class ProtectedFilesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string StoreHoldingAWav(string suffix = "")
    {
        var database = _folder.File("store", "portal.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        File.WriteAllBytes(database + suffix, TestWav.Build([TestWav.Tone(220, 16000, 0.2)], 16000, TestWav.Encoding.Pcm, 16));
        ProtectedFiles.ProtectDatabase(database);
        return database + suffix;
    }

    [Theory]
    [InlineData("")]
    [InlineData("-wal")]
    [InlineData("-shm")]
    public void TheStoreAndItsCompanions_AreNeverReadAsAudio(string suffix)
    {
        var path = StoreHoldingAWav(suffix);

        AssertRefusedEverywhere(path);
    }

    [Fact]
    public void ASymbolicLinkToTheStore_IsRefused()
    {
        var link = _folder.File("innocent.wav");
        File.CreateSymbolicLink(link, StoreHoldingAWav());

        AssertRefusedEverywhere(link);
    }

    [Fact]
    public void AHardLinkToTheStore_IsRefused()
    {
        if (!OperatingSystem.IsLinux()) return; // hard links are identified by inode, read on Linux only
        var store = StoreHoldingAWav();
        var link = _folder.File("hard.wav");
        using (var ln = Process.Start("ln", [store, link])) ln.WaitForExit();
        Assert.True(File.Exists(link));

        AssertRefusedEverywhere(link);
    }

    [Fact]
    public void AnOrdinaryFile_IsReadAsBefore()
    {
        StoreHoldingAWav();
        var clip = _folder.File("clip.wav");
        File.WriteAllBytes(clip, TestWav.Build([TestWav.Tone(220, 16000, 0.2)], 16000, TestWav.Encoding.Pcm, 16));

        Assert.False(ProtectedFiles.IsProtected(clip));
        Assert.Equal(3200, WavReader.Read(clip).Samples.Length);
    }

    private static void AssertRefusedEverywhere(string path)
    {
        Assert.True(ProtectedFiles.IsProtected(path));
        Assert.Contains("store files", Assert.Throws<AudioFormatException>(() => WavReader.Read(path)).Message);
        Assert.Contains("store files", Assert.Throws<AudioFormatException>(() => WavReader.ReadInfo(path)).Message);
        Assert.Contains("store files", Assert.Throws<AudioFormatException>(() => WavReader.IsWavFile(path)).Message);
        Assert.Contains("store files", Assert.Throws<AudioFormatException>(() => AudioDecoder.Default.Decode(path)).Message);
        Assert.Contains("store files", Assert.Throws<AudioFormatException>(() => new FfmpegDecoder().Decode(path)).Message);
        Assert.Contains("store files", Assert.Throws<AudioFormatException>(() => AudioContentHash.Of(path)).Message);
    }
}
