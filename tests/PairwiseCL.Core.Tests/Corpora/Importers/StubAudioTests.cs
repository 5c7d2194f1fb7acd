using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Corpora.Importers;
using PairwiseCL.Core.Tests.Audio;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Corpora.Importers;

/// <summary>
/// Thousands of tiny ".wav" stubs (or text named ".mp3") must not cost one ffmpeg process each: they are
/// refused from their size and first bytes, per file, and the real clips are imported. The "ffmpeg" here
/// is a script that records every start, so the test sees exactly which files reached it.
/// </summary>
public sealed class StubAudioTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void StubsAndNonAudio_AreRefusedWithoutStartingFfmpeg_WhileARealContainerStillReachesIt()
    {
        var corpus = _folder.File("corpus");
        Directory.CreateDirectory(corpus);
        var rows = new List<string> { "real.wav,s1,1,neu", "container.ogg,s1,1,ang" };
        File.WriteAllBytes(Path.Combine(corpus, "real.wav"), TestWav.Build([TestWav.Tone(220, 16000, 0.3)], 16000, TestWav.Encoding.Pcm, 16));
        // Starts like an Ogg stream: the one file that should be handed to ffmpeg (which then fails it).
        File.WriteAllBytes(Path.Combine(corpus, "container.ogg"), [.. "OggS"u8, .. new byte[60]]);
        for (var i = 0; i < 300; i++)
        {
            File.WriteAllBytes(Path.Combine(corpus, $"stub{i}.wav"), [0x61, 0x62, 0x63, (byte)i]);
            rows.Add($"stub{i}.wav,s1,1,neu");
        }
        for (var i = 0; i < 20; i++)
        {
            File.WriteAllText(Path.Combine(corpus, $"notes{i}.mp3"), "these are meeting notes, written down as text and named .mp3\n");
            rows.Add($"notes{i}.mp3,s1,1,ang");
        }
        var manifest = Path.Combine(corpus, "labels.csv");
        File.WriteAllText(manifest, "file,speaker,session,label\n" + string.Join('\n', rows) + "\n");
        var (ffmpeg, calls) = RecordingFfmpeg();

        var result = new CsvManifestImporter(new CsvManifestOptions(manifest), new AudioDecoder(new FfmpegDecoder(ffmpeg))).Import();

        Assert.Equal(["real"], result.Corpus.Utterances.Select(u => u.Id));
        Assert.Equal(321, result.Problems.Count);
        Assert.Equal(300, result.Problems.Count(p => p.Message.Contains("is only 4 bytes long, too short to be an audio file")));
        Assert.Equal(20, result.Problems.Count(p => p.Message.Contains("is not in a known audio format")));
        var started = File.Exists(calls) ? File.ReadAllLines(calls) : [];
        Assert.Equal(Path.Combine(corpus, "container.ogg"), Assert.Single(started));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFB, 0x90, 0x64 }, true)] // MPEG-1 layer III frame sync
    [InlineData(new byte[] { 0, 0, 0, 0x20, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'M', (byte)'4', (byte)'A' }, true)]
    [InlineData(new byte[] { (byte)'f', (byte)'L', (byte)'a', (byte)'C', 0, 0, 0, 0x22 }, true)]
    [InlineData(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0 }, false)] // an executable
    [InlineData(new byte[] { (byte)'<', (byte)'h', (byte)'t', (byte)'m', (byte)'l', (byte)'>' }, false)]
    public void KnownContainersAreRecognisedByTheirFirstBytes(byte[] header, bool known) =>
        Assert.Equal(known, AudioSignature.IsKnown(header));

    /// <summary>A stand-in for ffmpeg that appends the input path to a file and fails, as ffmpeg does on a broken stream.</summary>
    private (string Executable, string Calls) RecordingFfmpeg()
    {
        var calls = _folder.File("ffmpeg-calls.txt");
        var script = _folder.File("ffmpeg");
        // The input follows "-i" among the arguments FfmpegDecoder passes.
        File.WriteAllText(script, "#!/bin/sh\nwhile [ \"$1\" != \"-i\" ]; do shift; done\necho \"$2\" >> '" + calls + "'\necho 'Invalid data found when processing input' >&2\nexit 1\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return (script, calls);
    }
}
