using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Audio;

public sealed class WavReaderTests : IDisposable
{
    // Values every encoding represents exactly (8-bit PCM has steps of 1/128).
    private static readonly double[] Exact = [0, 0.5, -0.5, 0.25, -1, 0.125, -0.0078125];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(TestWav.Encoding.Pcm, 8)]
    [InlineData(TestWav.Encoding.Pcm, 16)]
    [InlineData(TestWav.Encoding.Pcm, 24)]
    [InlineData(TestWav.Encoding.Pcm, 32)]
    [InlineData(TestWav.Encoding.Float, 32)]
    [InlineData(TestWav.Encoding.Float, 64)]
    public void DecodesEachEncodingToTheWrittenValues(TestWav.Encoding encoding, int bits)
    {
        var path = Write($"{encoding}{bits}.wav", TestWav.Build([Exact], 16000, encoding, bits));

        var clip = WavReader.Read(path);

        Assert.Equal(16000, clip.SampleRate);
        Assert.Equal(Exact.Select(v => (float)v), clip.Samples);
    }

    [Theory]
    [InlineData(TestWav.Encoding.Pcm, 16)]
    [InlineData(TestWav.Encoding.Pcm, 24)]
    [InlineData(TestWav.Encoding.Float, 32)]
    public void DecodesWaveFormatExtensibleLikeThePlainHeader(TestWav.Encoding encoding, int bits)
    {
        var path = Write("ext.wav", TestWav.Build([Exact, Exact], 48000, encoding, bits, extensible: true));

        var clip = WavReader.Read(path);

        Assert.Equal(48000, clip.SampleRate);
        Assert.Equal(Exact.Select(v => (float)v), clip.Samples);
    }

    [Fact]
    public void MixesStereoToTheMeanOfTheChannels()
    {
        double[] left = [0.5, 0.25, -1], right = [-0.25, 0.25, 0];
        var path = Write("stereo.wav", TestWav.Build([left, right], 16000, TestWav.Encoding.Pcm, 16));

        Assert.Equal(new[] { 0.125f, 0.25f, -0.5f }, WavReader.Read(path).Samples);
    }

    [Fact]
    public void MixesFiveChannelsToTheirMean()
    {
        double[][] channels = [[0.5, 0], [0.25, 0], [-0.5, 0], [0.75, 0.5], [0, -0.5]];
        var path = Write("five.wav", TestWav.Build(channels, 16000, TestWav.Encoding.Float, 32, extensible: true));

        Assert.Equal(new[] { 0.2f, 0f }, WavReader.Read(path).Samples);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(11025)]
    [InlineData(22050)]
    [InlineData(44100)]
    [InlineData(44111)]
    [InlineData(96000)]
    public void KeepsAnyRateAndReportsItFromTheHeader(int rate)
    {
        var samples = TestWav.Tone(440, rate, 0.25);
        var path = Write($"r{rate}.wav", TestWav.Build([samples, samples], rate, TestWav.Encoding.Pcm, 16));

        var clip = WavReader.Read(path);
        var info = WavReader.ReadInfo(path);

        Assert.Equal(rate, clip.SampleRate);
        Assert.Equal(samples.Length, clip.Samples.Length);
        Assert.Equal(new WavInfo(rate, 2, 16, samples.Length), info);
        Assert.Equal(0.25, info.DurationSeconds, 3);
    }

    [Fact]
    public void SkipsUnknownAndOddSizedChunksBeforeTheFormat()
    {
        var path = Write("list.wav", TestWav.Build([Exact], 16000, TestWav.Encoding.Pcm, 16, junkChunkBeforeFormat: true));

        Assert.Equal(Exact.Select(v => (float)v), WavReader.Read(path).Samples);
        Assert.Equal(Exact.Length, WavReader.ReadInfo(path).Frames);
    }

    [Fact]
    public void ReadInfoAgreesWithTheRealEmoDbFiles()
    {
        var path = Path.Combine(SharedData.EmoDbDev, "wav", "03a01Fa.wav");

        var info = WavReader.ReadInfo(path);

        Assert.Equal(16000, info.SampleRate);
        Assert.Equal(1, info.Channels);
        Assert.Equal(WavReader.Read(path).Samples.Length, info.Frames);
    }

    [Fact]
    public void ToleratesASlightlyShortDataChunk()
    {
        var bytes = TestWav.Build([TestWav.Tone(440, 16000, 0.1)], 16000, TestWav.Encoding.Pcm, 16);
        var path = Write("short.wav", bytes[..^11]); // an interrupted copy: 5 frames and a half lost

        Assert.Equal(1600 - 6, WavReader.Read(path).Samples.Length);
    }

    public static TheoryData<string, byte[], string> BrokenFiles()
    {
        var valid = TestWav.Build([TestWav.Tone(440, 16000, 0.1)], 16000, TestWav.Encoding.Pcm, 16);
        var noData = valid[..36];
        var halfGone = valid[..(44 + 1000)];
        var headerOnly = valid[..44];
        var badRate = (byte[])valid.Clone();
        BitConverter.GetBytes(0).CopyTo(badRate, 24);
        var adpcm = (byte[])valid.Clone();
        adpcm[20] = 2; // Microsoft ADPCM: a real WAV, but an encoding this reader does not decode
        var garbage = new byte[300];
        new Random(7).NextBytes(garbage);
        "RIFF"u8.ToArray().CopyTo(garbage, 0);
        "WAVE"u8.ToArray().CopyTo(garbage, 8);
        return new TheoryData<string, byte[], string>
        {
            { "empty.wav", [], "empty" },
            { "text.wav", "file,speaker\nx,y\n"u8.ToArray(), "not a RIFF/WAVE" },
            { "flac-like.wav", "fLaC\0\0\0\x22"u8.ToArray(), "not a RIFF/WAVE" },
            { "no-data.wav", noData, "no 'data' chunk" },
            { "half.wav", halfGone, "truncated" },
            { "header-only.wav", headerOnly, "truncated" },
            { "rate0.wav", badRate, "sample rate" },
            { "adpcm.wav", adpcm, "unsupported WAV encoding" },
            { "garbage.wav", garbage, "" },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void RejectsBrokenFilesWithAnErrorNamingTheFile(string name, byte[] bytes, string problem)
    {
        var path = Write(name, bytes);

        var read = Assert.Throws<AudioFormatException>(() => WavReader.Read(path));
        var info = Assert.Throws<AudioFormatException>(() => WavReader.ReadInfo(path));

        foreach (var error in new[] { read, info })
        {
            Assert.Equal(path, error.Path);
            Assert.StartsWith(path, error.Message);
            Assert.Contains(problem, error.Message);
        }
    }

    [Fact]
    public void AMissingFileIsAnAudioFormatErrorNamingIt()
    {
        var path = _folder.File("missing.wav");

        Assert.Contains("missing.wav", Assert.Throws<AudioFormatException>(() => WavReader.ReadInfo(path)).Message);
        Assert.Contains("missing.wav", Assert.Throws<AudioFormatException>(() => WavReader.Read(path)).Message);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = _folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
