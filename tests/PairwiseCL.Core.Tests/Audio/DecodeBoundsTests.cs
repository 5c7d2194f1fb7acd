using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Audio;

/// <summary>
/// What a clip declares must not decide the work its decoding causes: rates outside 4 kHz to 384 kHz are
/// refused from the header, and a bounded decode stops after the limit (ffmpeg included).
/// </summary>
public sealed class DecodeBoundsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(3_999)]
    [InlineData(384_001)]
    [InlineData(7_000_001)]
    public void AWavDeclaringAnAbsurdRate_IsRefusedFromItsHeader(int rate)
    {
        var path = _folder.File("odd.wav");
        File.WriteAllBytes(path, TestWav.Build([new double[2000]], rate, TestWav.Encoding.Pcm, 16));

        var read = Assert.Throws<AudioFormatException>(() => WavReader.Read(path));
        var info = Assert.Throws<AudioFormatException>(() => WavReader.ReadInfo(path));

        Assert.All(new[] { read, info }, e => Assert.Contains($"sample rate of {rate:N0} Hz", e.Message));
        Assert.Contains("4,000 to 384,000 Hz", read.Message);
    }

    [Theory]
    [InlineData(4_000)]
    [InlineData(384_000)]
    public void TheEndsOfTheRangeAreRead(int rate)
    {
        var path = _folder.File("edge.wav");
        File.WriteAllBytes(path, TestWav.Build([TestWav.Tone(440, rate, 0.1)], rate, TestWav.Encoding.Pcm, 16));

        Assert.Equal(rate, WavReader.Read(path).SampleRate);
    }

    [Fact]
    public void FirstSeconds_KeepsTheStartAndLeavesShorterClipsAlone()
    {
        var clip = new AudioClip([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4);

        Assert.Equal([1f, 2, 3, 4, 5, 6], clip.FirstSeconds(1.5).Samples);
        Assert.Same(clip, clip.FirstSeconds(2.5));
        Assert.Same(clip, clip.FirstSeconds(10));
    }

    [Fact]
    public void ABoundedDecodeOfAWav_ReturnsItsFirstSeconds()
    {
        var tone = TestWav.Tone(440, 16000, 3.0);
        var path = _folder.File("three.wav");
        File.WriteAllBytes(path, TestWav.Build([tone], 16000, TestWav.Encoding.Pcm, 16));

        var clip = AudioDecoder.Default.Decode(path, maxSeconds: 1.0);

        Assert.Equal(16000, clip.Samples.Length);
        Assert.Equal(AudioDecoder.Default.Decode(path).Samples[..16000], clip.Samples);
    }

    /// <summary>Ten minutes of FLAC silence is a few KB; bounded, ffmpeg hands back only the first two seconds.</summary>
    [Fact]
    public void ABoundedDecodeThroughFfmpeg_StopsAfterTheLimit()
    {
        var flac = _folder.File("long.flac");
        if (!Ffmpeg.TryRun("-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "600", "-c:a", "flac", flac))
            return; // without ffmpeg only WAV is decoded, which the test above covers

        var clip = AudioDecoder.Default.Decode(flac, maxSeconds: 2.0);

        Assert.True(new FileInfo(flac).Length < 1_000_000);
        Assert.Equal(16000, clip.SampleRate);
        Assert.InRange(clip.DurationSeconds, 1.99, 2.0);
    }
}
