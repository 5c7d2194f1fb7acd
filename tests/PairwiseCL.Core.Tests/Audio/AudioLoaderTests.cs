using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Audio;

public sealed class AudioLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void PreparesStereo44kClipAs16kMonoPaddedTo15Seconds()
    {
        var tone = TestWav.Tone(1000, 44100, 2.0);
        var path = _folder.File("stereo.wav");
        File.WriteAllBytes(path, TestWav.Build([tone, tone], 44100, TestWav.Encoding.Pcm, 24));

        var clip = new AudioLoader(AudioPreparation.Paper).Load(path);

        Assert.Equal(16000, clip.SampleRate);
        Assert.Equal(15 * 16000, clip.Samples.Length);
        Assert.InRange(clip.Samples[..32000].Max(), 0.49f, 0.51f);
        Assert.All(clip.Samples[32100..], v => Assert.Equal(0f, v)); // zero padding after 2 s
    }

    [Fact]
    public void TrimsLongClipsAtTheEnd()
    {
        var samples = Enumerable.Range(0, 20).Select(i => i / 100f).ToArray();
        var preparation = new AudioPreparation(SampleRate: 10, FixedLengthSeconds: 1.5);

        Assert.Equal(samples[..15], preparation.FitLength(samples));
    }

    [Fact]
    public void NullLengthKeepsTheResampledLength()
    {
        var loader = new AudioLoader(new AudioPreparation(FixedLengthSeconds: null));

        var clip = loader.Prepare(new AudioClip(new float[8000 * 3], 8000));

        Assert.Equal(16000 * 3, clip.Samples.Length);
    }

    [Fact]
    public void LoadsTheRealEmoDbClipWithItsOwnLengthAt16k()
    {
        var path = Path.Combine(SharedData.EmoDbDev, "wav", "03a01Fa.wav");

        var clip = new AudioLoader(new AudioPreparation(FixedLengthSeconds: null)).Load(path);

        Assert.Equal(WavReader.Read(path).Samples, clip.Samples);
    }

    [Fact]
    public void ContentHashIsTheSha256OfTheBytes()
    {
        var path = _folder.File("abc.bin");
        File.WriteAllText(path, "abc");
        var copy = _folder.File("copy.bin");
        File.Copy(path, copy);

        // FIPS 180-2 test vector for "abc".
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", AudioContentHash.Of(path));
        Assert.Equal(AudioContentHash.Of(path), AudioContentHash.Of(copy));
        Assert.Throws<AudioFormatException>(() => AudioContentHash.Of(_folder.File("missing.wav")));
    }
}
