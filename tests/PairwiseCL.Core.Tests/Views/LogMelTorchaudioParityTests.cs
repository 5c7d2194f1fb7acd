using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Tests.Numerics;
using PairwiseCL.Core.Views.Mel;
using Xunit.Abstractions;

namespace PairwiseCL.Core.Tests.Views;

/// <summary>
/// Our log-mel view against torchaudio 0.13's MelSpectrogram with the paper's parameters (periodic Hann 400 in a
/// 512-point FFT, hop 160, 64 HTK filters 60-7800 Hz, no filter normalisation, power 2, centred reflect framing),
/// natural log with a 1e-6 floor, on a real EmoDB clip: the exact value is torchaudio's float64 run, and our
/// float32 must lie as close to it as torchaudio's float32 does (errors.json), within the wav2vec 2.0 tests' factor.
/// </summary>
public sealed class LogMelTorchaudioParityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("clip", null)]
    [InlineData("padded", 3.0)]
    public void LogMelMatchesTorchaudiosFloat64AsCloselyAsItsOwnFloat32(string name, double? fixedSeconds)
    {
        var clip = TorchReference.Read("wav2vec2-base-states.pth")["clip"].Values;
        var reference = TorchReference.Read("mel.pth");
        var exact = reference[$"{name}_float64"];
        var view = new LogMelView(new LogMelConfiguration(FixedLengthSeconds: fixedSeconds));

        var features = view.Extract(new AudioClip(clip, 16_000));

        Assert.Equal(exact.Shape.Select(d => (int)d), features.Shape);
        var deviation = Deviation.Between(features.Data, exact.Values);
        var torchaudio = TorchReference.ReferenceDeviation($"mel-{name}");
        output.WriteLine($"{name}: ours {deviation}; torchaudio float32 {torchaudio}");
        Assert.True(deviation.IsWithin(torchaudio, Wav2Vec2TorchaudioParityTests.Factor), $"ours {deviation}; torchaudio float32 {torchaudio}");
    }

    [Fact]
    public void AFilterBankOneHertzOffIsOutsideTheTolerance()
    {
        // The comparison can fail: filters starting at 61 Hz instead of 60 move every band edge a little.
        var clip = TorchReference.Read("wav2vec2-base-states.pth")["clip"].Values;
        var exact = TorchReference.Read("mel.pth")["clip_float64"];
        var features = new LogMelView(new LogMelConfiguration(FixedLengthSeconds: null, MinFrequency: 61)).Extract(new AudioClip(clip, 16_000));
        var deviation = Deviation.Between(features.Data, exact.Values);
        output.WriteLine($"filters from 61 Hz: {deviation}");
        Assert.False(deviation.IsWithin(TorchReference.ReferenceDeviation("mel-clip"), Wav2Vec2TorchaudioParityTests.Factor));
    }
}
