using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Audio;

public sealed class AudioDecoderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void DecodesWavNativelyEvenWithoutFfmpeg()
    {
        var path = _folder.File("a.wav");
        File.WriteAllBytes(path, TestWav.Build([[0.5, -0.25]], 22050, TestWav.Encoding.Pcm, 16));
        var decoder = new AudioDecoder(new FfmpegDecoder("/nonexistent/ffmpeg"));

        var clip = decoder.Decode(path);

        Assert.Equal(new AudioClip([0.5f, -0.25f], 22050).Samples, clip.Samples);
        Assert.Equal(22050, clip.SampleRate);
    }

    [Fact]
    public void NonWavWithoutFfmpegFailsNamingTheFileAndTheMissingTool()
    {
        var path = _folder.File("song.flac");
        File.WriteAllBytes(path, [.. "fLaC\0\0\0\x22 not really"u8, .. new byte[40]]);
        var decoder = new AudioDecoder(new FfmpegDecoder("/nonexistent/ffmpeg"));

        var error = Assert.Throws<AudioFormatException>(() => decoder.Decode(path));

        Assert.Equal(path, error.Path);
        Assert.Contains("ffmpeg", error.Message);
        Assert.Contains("install", error.Message);
    }

    [Fact]
    public void EmptyFileFailsBeforeAnyToolIsTried()
    {
        var path = _folder.File("empty.mp3");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<AudioFormatException>(() => AudioDecoder.Default.Decode(path));

        Assert.Equal(path, error.Path);
        Assert.Contains("empty", error.Message);
    }

    /// <summary>
    /// Round-trips a stereo 44.1 kHz clip through FLAC, OGG and M4A containers with lossless codecs (so
    /// the samples can be compared exactly) when ffmpeg is installed (Debian: apt-get install ffmpeg);
    /// without it the same call must fail clearly.
    /// </summary>
    [Theory]
    [InlineData("flac", "flac")]
    [InlineData("ogg", "flac")]
    [InlineData("m4a", "alac")]
    public void DecodesOtherFormatsThroughFfmpegOrSaysItIsMissing(string extension, string codec)
    {
        var left = TestWav.Tone(440, 44100, 0.5, 0.5);
        var right = TestWav.Tone(440, 44100, 0.5, 0.25);
        var wav = _folder.File("source.wav");
        File.WriteAllBytes(wav, TestWav.Build([left, right], 44100, TestWav.Encoding.Pcm, 16));
        var encoded = _folder.File("clip." + extension);

        if (!Ffmpeg.TryRun("-nostdin", "-loglevel", "error", "-i", wav, "-c:a", codec, encoded))
        {
            File.WriteAllBytes(encoded, [0x66, 0x4C, 0x61, 0x43, .. new byte[60]]);
            Assert.Contains("ffmpeg", Assert.Throws<AudioFormatException>(() => AudioDecoder.Default.Decode(encoded)).Message);
            return;
        }

        var clip = AudioDecoder.Default.Decode(encoded);

        Assert.Equal(44100, clip.SampleRate);
        Assert.Equal(left.Length, clip.Samples.Length);
        var mixed = left.Zip(right, (l, r) => (l + r) / 2).ToArray();
        Assert.All(Enumerable.Range(0, mixed.Length), i => Assert.InRange(clip.Samples[i] - mixed[i], -1.0 / 32768, 1.0 / 32768));
    }

    [Fact]
    public void WavInAnEncodingTheReaderLacksExplainsBothAttemptsWhenFfmpegIsMissing()
    {
        var bytes = TestWav.Build([[0.5, -0.25]], 8000, TestWav.Encoding.Pcm, 16);
        bytes[20] = 7; // mu-law format tag
        var path = _folder.File("mulaw.wav");
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<AudioFormatException>(() => new AudioDecoder(new FfmpegDecoder("/nonexistent/ffmpeg")).Decode(path));

        Assert.Equal(path, error.Path);
        Assert.Contains(WavReader.UnsupportedEncodingProblem, error.Message);
        Assert.Contains("ffmpeg did not decode it either", error.Message);
    }

    [Fact]
    public void MuLawWavIsDecodedThroughFfmpegWhenInstalled()
    {
        var tone = TestWav.Tone(440, 8000, 0.5, 0.5);
        var source = _folder.File("source.wav");
        File.WriteAllBytes(source, TestWav.Build([tone], 8000, TestWav.Encoding.Pcm, 16));
        var mulaw = _folder.File("mulaw.wav");
        if (!Ffmpeg.TryRun("-nostdin", "-loglevel", "error", "-i", source, "-c:a", "pcm_mulaw", mulaw)) return; // covered above

        var clip = AudioDecoder.Default.Decode(mulaw);

        Assert.Throws<AudioFormatException>(() => WavReader.Read(mulaw)); // the native reader really lacks it
        Assert.Equal(8000, clip.SampleRate);
        Assert.Equal(tone.Length, clip.Samples.Length);
        // 8-bit mu-law keeps about 2% relative precision near full scale.
        Assert.All(Enumerable.Range(0, tone.Length), i => Assert.InRange(clip.Samples[i] - tone[i], -0.02, 0.02));
    }

    [Fact]
    public void NonAudioIsRefusedByItsFirstBytesWithoutFfmpeg()
    {
        var path = _folder.File("notes.mp3");
        File.WriteAllText(path, "these are meeting notes, not audio\n");

        var error = Assert.Throws<AudioFormatException>(() => new AudioDecoder(new FfmpegDecoder("/nonexistent/ffmpeg")).Decode(path));

        Assert.Equal(path, error.Path);
        Assert.Contains("is not in a known audio format", error.Message);
    }

    [Fact]
    public void AnAudioHeaderWithABrokenStreamFailsThroughFfmpegNamingTheFile()
    {
        if (!Ffmpeg.TryRun("-version")) return; // covered by NonWavWithoutFfmpegFailsNamingTheFileAndTheMissingTool
        var path = _folder.File("notes.ogg");
        File.WriteAllText(path, "OggS but these are meeting notes, not an Ogg stream at all\n");

        var error = Assert.Throws<AudioFormatException>(() => AudioDecoder.Default.Decode(path));

        Assert.Equal(path, error.Path);
        Assert.Contains("ffmpeg", error.Message);
    }
}
