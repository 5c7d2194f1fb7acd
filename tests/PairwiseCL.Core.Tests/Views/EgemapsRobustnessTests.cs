using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Views.Egemaps;

namespace PairwiseCL.Core.Tests.Views;

/// <summary>Degenerate audio never throws and always yields 88 finite values with the documented conventions.</summary>
public sealed class EgemapsRobustnessTests
{
    private const int Rate = 16000;
    private static readonly EgemapsView View = new();
    private static readonly int F0Mean = Index("F0semitoneFrom27.5Hz_sma3nz_amean");
    private static readonly int Leq = Index("equivalentSoundLevel_dBp");
    private static readonly int VoicedPerSecond = Index("VoicedSegmentsPerSec");
    private static readonly int JitterMean = Index("jitterLocal_sma3nz_amean");

    public static TheoryData<string> Signals => new()
    {
        "silence", "white noise", "clipped speech-like tone", "0.2 s clip", "60 s clip", "DC offset", "8 kHz band-limited",
        "shorter than one frame", "empty",
    };

    [Theory]
    [MemberData(nameof(Signals))]
    public void DegenerateAudioGivesEightyEightFiniteValues(string signal)
    {
        var features = View.Extract(new AudioClip(Make(signal), Rate));
        Assert.Equal([88], features.Shape);
        Assert.All(features.Data, v => Assert.True(float.IsFinite(v), $"{signal}: non-finite value {v}."));
    }

    [Fact]
    public void SilenceHasNoVoicingAndTheLeqFloor()
    {
        var features = View.Extract(new AudioClip(Make("silence"), Rate)).Data;
        Assert.Equal(0f, features[F0Mean]);
        Assert.Equal(0f, features[JitterMean]);
        Assert.Equal(0f, features[VoicedPerSecond]);
        Assert.Equal(-100f, features[Leq], 3);
    }

    [Fact]
    public void AHarmonicToneIsVoicedAtItsPitch()
    {
        // 200 Hz with harmonics: 12 log2(200 / 27.5) = 34.36 semitones.
        var features = View.Extract(new AudioClip(Make("clipped speech-like tone"), Rate)).Data;
        Assert.InRange(features[F0Mean], 33.9f, 34.9f);
        Assert.True(features[VoicedPerSecond] > 0);
    }

    [Fact]
    public void TheLeqOfAFullScaleSineIsMinusThreeDecibels()
    {
        var sine = Enumerable.Range(0, Rate).Select(i => (float)Math.Sin(2 * Math.PI * 1000 * i / Rate)).ToArray();
        Assert.Equal(-3.01f, View.Extract(new AudioClip(sine, Rate)).Data[Leq], 1);
    }

    [Fact]
    public void NonFiniteSamplesAreTreatedAsSilence()
    {
        var samples = Make("white noise");
        samples[100] = float.NaN;
        samples[200] = float.PositiveInfinity;
        Assert.All(View.Extract(new AudioClip(samples, Rate)).Data, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void AnotherSampleRateIsRejectedWithAClearMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => View.Extract(new AudioClip(new float[8000], 8000)));
        Assert.Contains("16000 Hz", error.Message);
        Assert.Contains("8000 Hz", error.Message);
    }

    private static int Index(string name) => EgemapsFeatureNames.Functionals.ToList().IndexOf(name);

    private static float[] Make(string signal)
    {
        var random = new Random(7);
        float Noise() => (float)(random.NextDouble() * 2 - 1) * 0.3f;
        float Tone(int i) => (float)(0.5 * Math.Sin(2 * Math.PI * 200 * i / Rate) + 0.3 * Math.Sin(2 * Math.PI * 400 * i / Rate)
            + 0.2 * Math.Sin(2 * Math.PI * 600 * i / Rate));
        return signal switch
        {
            "silence" => new float[2 * Rate],
            "white noise" => Enumerable.Range(0, 2 * Rate).Select(_ => Noise()).ToArray(),
            "clipped speech-like tone" => Enumerable.Range(0, 2 * Rate).Select(i => Math.Clamp(3 * Tone(i), -1f, 1f)).ToArray(),
            "0.2 s clip" => Enumerable.Range(0, Rate / 5).Select(Tone).ToArray(),
            "60 s clip" => Enumerable.Range(0, 60 * Rate).Select(i => Tone(i) * (i / Rate % 2 == 0 ? 1f : 0.01f) + Noise() * 0.05f).ToArray(),
            "DC offset" => Enumerable.Range(0, 2 * Rate).Select(i => 0.5f + 0.3f * Tone(i)).ToArray(),
            "8 kHz band-limited" => LowPass(Enumerable.Range(0, 2 * Rate).Select(i => Tone(i) + Noise()).ToArray()),
            "shorter than one frame" => Enumerable.Range(0, 200).Select(Tone).ToArray(),
            "empty" => [],
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Unknown test signal."),
        };
    }

    /// <summary>Band-limits to 4 kHz (what 8 kHz telephone audio upsampled to 16 kHz looks like): windowed sinc.</summary>
    private static float[] LowPass(float[] x)
    {
        const int taps = 101;
        var h = new double[taps];
        for (var k = 0; k < taps; k++)
        {
            var m = k - taps / 2;
            var sinc = m == 0 ? 0.5 : Math.Sin(Math.PI * 0.5 * m) / (Math.PI * m);
            h[k] = sinc * (0.54 - 0.46 * Math.Cos(2 * Math.PI * k / (taps - 1)));
        }
        var y = new float[x.Length];
        for (var n = 0; n < x.Length; n++)
        {
            double sum = 0;
            for (var k = 0; k < taps; k++)
            {
                var i = n - k + taps / 2;
                if (i >= 0 && i < x.Length) sum += h[k] * x[i];
            }
            y[n] = (float)sum;
        }
        return y;
    }
}
