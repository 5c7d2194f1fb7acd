using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Audio;

/// <summary>
/// The audio endpoint's media type comes from <see cref="AudioFormats.Sniff(Stream)"/>: files written by
/// ffmpeg (an independent encoder) must be recognised as the audio they are, whatever their name, and
/// pages or text must not be.
/// </summary>
public sealed class AudioFormatsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("flac", "flac", "audio/flac")]
    [InlineData("ogg", "libvorbis", "audio/ogg")]
    [InlineData("opus", "libopus", "audio/ogg")]
    [InlineData("mp3", "libmp3lame", "audio/mpeg")]
    [InlineData("m4a", "alac", "audio/mp4")]
    [InlineData("aiff", "pcm_s16be", "audio/aiff")]
    [InlineData("webm", "libopus", "audio/webm")]
    [InlineData("adts", "aac", "audio/aac")]
    [InlineData("wv", "wavpack", "audio/x-wavpack")]
    public void FilesEncodedByFfmpegAreRecognisedFromTheirContentUnderAnyName(string format, string codec, string contentType)
    {
        var wav = _folder.File("source.wav");
        File.WriteAllBytes(wav, TestWav.Build([TestWav.Tone(440, 16000, 0.3)], 16000, TestWav.Encoding.Pcm, 16));
        var encoded = _folder.File("clip.html"); // the name says page; the content says audio
        if (!Ffmpeg.TryRun("-nostdin", "-loglevel", "error", "-i", wav, "-c:a", codec, "-f", format, encoded)) return; // no ffmpeg: nothing to compare with

        using var stream = File.OpenRead(encoded);

        Assert.Equal(contentType, AudioFormats.Sniff(stream)?.ContentType);
    }

    [Fact]
    public void AWavIsRecognisedAndPagesTextAndEmptyFilesAreNot()
    {
        Assert.Equal("audio/wav", AudioFormats.Sniff(TestWav.Build([[0.1, 0.2]], 16000, TestWav.Encoding.Pcm, 16))?.ContentType);
        Assert.Null(AudioFormats.Sniff("<html><script>alert(1)</script></html>"u8));
        Assert.Null(AudioFormats.Sniff("RIFF....AVI LIST"u8)); // RIFF but not WAVE
        Assert.Null(AudioFormats.Sniff("id,label\nx,neu\n"u8));
        Assert.Null(AudioFormats.Sniff([]));
    }

    [Theory]
    [InlineData("a.wav", true)]
    [InlineData("a.WAV", true)]
    [InlineData("a.flac", true)]
    [InlineData("x.html", false)]
    [InlineData("x.svg", false)]
    [InlineData("x", false)]
    public void OnlyAudioExtensionsAreImported(string name, bool audio) => Assert.Equal(audio, AudioFormats.HasAudioExtension(name));
}
