using System.Numerics;
using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Tests.Numerics;
using PairwiseCL.Core.Views.Mel;

namespace PairwiseCL.Core.Tests.Views;

public sealed class LogMelViewTests
{
    private const int Rate = 16000;

    [Fact]
    public void FifteenSecondsGiveSixtyFourBandsByFifteenHundredOneFrames()
    {
        var view = new LogMelView();
        var features = view.Extract(Tone(440, 15.0));
        Assert.Equal(new[] { 64, 1501 }, features.Shape);
        Assert.Equal(64 * 1501, features.Data.Length);
        Assert.Equal(1501, features.ValidFrames);
        Assert.Equal(new[] { 64, 1501 }, view.OutputShape);
    }

    [Fact]
    public void ShortClipsArePaddedAndOnlyTheirOwnFramesCountAsValid()
    {
        var features = new LogMelView().Extract(Tone(440, 3.0));
        Assert.Equal(new[] { 64, 1501 }, features.Shape);
        Assert.Equal(1 + 3 * Rate / 160, features.ValidFrames);
        // Frames well inside the zero padding sit at the log floor.
        Assert.Equal(Math.Log(1e-6), features.Data[10 * 1501 + 1400], 3);
    }

    [Fact]
    public void SkippingTheSilentPaddingGivesTheSameFramesAsTransformingAllFifteenSeconds()
    {
        var clip = ChirpWithNoise(3.2);
        var padded = new float[15 * Rate];
        Array.Copy(clip.Samples, padded, clip.Samples.Length);
        var everything = new LogMelView(new LogMelConfiguration(FixedLengthSeconds: null)).Extract(new AudioClip(padded, Rate));
        var fast = new LogMelView().Extract(clip);
        Assert.Equal(everything.Shape, fast.Shape);
        // Two float32 evaluations (other lengths, other kernels): each may lie Factor times torchaudio's own float32
        // deviation from the exact log-mel (errors.json), so they may differ by twice that.
        var tolerance = 2 * Wav2Vec2TorchaudioParityTests.Factor * TorchReference.ReferenceDeviation("mel-padded").MaxAbsolute;
        for (var i = 0; i < fast.Data.Length; i++)
            Assert.True(Math.Abs(everything.Data[i] - fast.Data[i]) <= tolerance, $"value {i}: {everything.Data[i]} vs {fast.Data[i]}");
    }

    [Fact]
    public void OneFrameMatchesADirectDftThroughAHandBuiltHtkFilterBank()
    {
        var clip = ChirpWithNoise(2.0);
        var features = new LogMelView().Extract(clip);
        const int frame = 100;                    // far from both edges: no reflection padding involved
        var expected = IndependentLogMel(clip.Samples, frame);
        for (var m = 0; m < 64; m++)
        {
            var actual = features.Data[m * 1501 + frame];
            Assert.True(Math.Abs(actual - expected[m]) < 1e-3 + 1e-4 * Math.Abs(expected[m]),
                $"band {m}: view {actual}, direct DFT {expected[m]}");
        }
    }

    [Fact]
    public void AToneLightsTheBandAroundItsFrequency()
    {
        var features = new LogMelView().Extract(Tone(1000, 1.0));
        var energies = Enumerable.Range(0, 64).Select(m => features.Data[m * 1501 + 50]).ToArray();
        var loudest = Array.IndexOf(energies, energies.Max());
        // Band centres (HTK, 60-7800 Hz, 64 bands): the one nearest 1 kHz.
        double melMin = 2595 * Math.Log10(1 + 60 / 700.0), melMax = 2595 * Math.Log10(1 + 7800 / 700.0);
        var centres = Enumerable.Range(1, 64).Select(i => 700 * (Math.Pow(10, (melMin + (melMax - melMin) * i / 65) / 2595) - 1)).ToArray();
        var nearest = Array.IndexOf(centres, centres.OrderBy(c => Math.Abs(c - 1000)).First());
        Assert.InRange(loudest, nearest - 1, nearest + 1);
    }

    [Fact]
    public void ConfigurationKeyChangesWithEveryOutputRelevantSetting()
    {
        var paper = new LogMelView().ConfigurationKey;
        Assert.Equal(paper, new LogMelView(new LogMelConfiguration()).ConfigurationKey);
        Assert.NotEqual(paper, new LogMelView(new LogMelConfiguration(MelBands: 80)).ConfigurationKey);
        Assert.NotEqual(paper, new LogMelView(new LogMelConfiguration(FixedLengthSeconds: null)).ConfigurationKey);
    }

    [Fact]
    public void WrongSampleRateAndAbsurdSettingsAreRefusedClearly()
    {
        var error = Assert.Throws<ArgumentException>(() => new LogMelView().Extract(new AudioClip(new float[44100], 44100)));
        Assert.Contains("44100", error.Message);
        Assert.Throws<ArgumentException>(() => new LogMelView(new LogMelConfiguration(MaxFrequency: 9000)));
        Assert.Throws<ArgumentException>(() => new LogMelView(new LogMelConfiguration(HopLength: 0)));
    }

    [Fact]
    public void UnpaddedModeKeepsTheClipLengthEvenForTinyClips()
    {
        var view = new LogMelView(new LogMelConfiguration(FixedLengthSeconds: null));
        Assert.Equal(new[] { 64, 1 + 24000 / 160 }, view.Extract(Tone(300, 1.5)).Shape);
        var tiny = view.Extract(new AudioClip(new float[100], Rate));
        Assert.Equal(new[] { 64, 1 }, tiny.Shape);
        Assert.All(tiny.Data, v => Assert.True(float.IsFinite(v)));
    }

    /// <summary>Textbook computation: explicit window, O(N^2) DFT, triangle filters from the HTK formula.</summary>
    private static double[] IndependentLogMel(float[] x, int frame)
    {
        const int nFft = 512, win = 400, hop = 160;
        var offset = (nFft - win) / 2;
        var start = frame * hop - nFft / 2;
        var power = new double[nFft / 2 + 1];
        for (var b = 0; b <= nFft / 2; b++)
        {
            var sum = Complex.Zero;
            for (var n = 0; n < win; n++)
            {
                var w = 0.5 - 0.5 * Math.Cos(2 * Math.PI * n / win);
                var sample = x[start + offset + n];
                sum += sample * w * Complex.Exp(new Complex(0, -2 * Math.PI * b * (offset + n) / nFft));
            }
            power[b] = sum.Magnitude * sum.Magnitude;
        }
        static double Mel(double f) => 2595 * Math.Log10(1 + f / 700);
        static double Hz(double m) => 700 * (Math.Pow(10, m / 2595) - 1);
        var result = new double[64];
        for (var m = 0; m < 64; m++)
        {
            double lo = Hz(Mel(60) + (Mel(7800) - Mel(60)) * m / 65.0);
            double mid = Hz(Mel(60) + (Mel(7800) - Mel(60)) * (m + 1) / 65.0);
            double hi = Hz(Mel(60) + (Mel(7800) - Mel(60)) * (m + 2) / 65.0);
            double energy = 0;
            for (var b = 0; b <= nFft / 2; b++)
            {
                var f = b * 16000.0 / nFft;
                var weight = f <= lo || f >= hi ? 0 : f <= mid ? (f - lo) / (mid - lo) : (hi - f) / (hi - mid);
                energy += weight * power[b];
            }
            result[m] = Math.Log(Math.Max(energy, 1e-6));
        }
        return result;
    }

    private static AudioClip Tone(double hz, double seconds)
    {
        var n = (int)(seconds * Rate);
        var s = new float[n];
        for (var i = 0; i < n; i++) s[i] = (float)(0.5 * Math.Sin(2 * Math.PI * hz * i / Rate));
        return new AudioClip(s, Rate);
    }

    private static AudioClip ChirpWithNoise(double seconds)
    {
        var random = new Random(7);
        var n = (int)(seconds * Rate);
        var s = new float[n];
        for (var i = 0; i < n; i++)
        {
            var t = (double)i / Rate;
            s[i] = (float)(0.4 * Math.Sin(2 * Math.PI * (200 * t + 900 * t * t)) + 0.05 * (random.NextDouble() - 0.5));
        }
        return new AudioClip(s, Rate);
    }
}
