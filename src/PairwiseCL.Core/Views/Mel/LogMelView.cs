using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Views.Mel;

/// <summary>
/// The paper's spectrogram view: log of the mel-filtered power spectrum, [MelBands, frames]. Clips are
/// trimmed or zero-padded to <see cref="LogMelConfiguration.FixedLengthSeconds"/> first; frames whose
/// centre lies in real audio are counted in <see cref="FeatureMatrix.ValidFrames"/>. Thread-safe:
/// every call builds its own tensors inside a dispose scope.
/// </summary>
public sealed class LogMelView : IFeatureView
{
    private readonly float[] _filterBank;
    private readonly float[] _window;

    public LogMelView(LogMelConfiguration? configuration = null)
    {
        Configuration = configuration ?? LogMelConfiguration.Paper;
        Configuration.Validate();
        ConfigurationKey = ConfigurationHash.Of(Configuration);
        _filterBank = MelFilterBank.Create(Configuration);
        _window = PeriodicHann(Configuration.WindowLength);
        var frames = Configuration.FixedLengthSeconds is { } seconds
            ? Configuration.FrameCount((int)Math.Round(seconds * Configuration.SampleRate))
            : -1;
        OutputShape = [Configuration.MelBands, frames];
    }

    public LogMelConfiguration Configuration { get; }
    public string Name => "mel";
    public string ConfigurationKey { get; }
    public int SampleRate => Configuration.SampleRate;
    public IReadOnlyList<int> OutputShape { get; }

    public FeatureMatrix Extract(AudioClip clip, CancellationToken cancellationToken = default)
    {
        if (clip.SampleRate != SampleRate)
            throw new ArgumentException($"The mel view needs {SampleRate} Hz audio; this clip is {clip.SampleRate} Hz (resample it first).");
        cancellationToken.ThrowIfCancellationRequested();

        var c = Configuration;
        var samples = FitLength(clip.Samples, out var realLength);
        var validFrames = Math.Max(1, Math.Min(c.FrameCount(samples.Length), c.FrameCount(realLength)));

        var totalFrames = c.FrameCount(samples.Length);
        // Frames past the real audio see only zero padding and equal the log floor exactly, so the STFT runs
        // on the real audio plus one FFT length of zeros (whose reflection at the end is zeros too).
        var computed = Math.Min(samples.Length, realLength + c.FftSize);
        var data = new float[c.MelBands * totalFrames];
        Array.Fill(data, (float)Math.Log(c.LogFloor));
        using (NewDisposeScope())
        {
            var signal = tensor(samples.AsSpan(0, computed).ToArray());
            // torch.stft reflect-pads by n_fft/2 and needs more samples than that: pad very short clips with zeros.
            var minimum = c.FftSize / 2 + 1;
            if (computed < minimum) signal = nn.functional.pad(signal, [0, minimum - computed]);
            var spectrum = stft(signal, c.FftSize, c.HopLength, c.WindowLength, tensor(_window),
                center: true, pad_mode: PaddingModes.Reflect, normalized: false, onesided: true, return_complex: true);
            var power = ScalarSafe.Square(spectrum.abs());                        // [bins, frames]
            var bank = tensor(_filterBank, [c.MelBands, c.FftSize / 2 + 1]);
            var logMel = ScalarSafe.ClampMin(matmul(bank, power), c.LogFloor).log(); // [mels, frames]
            var frames = Math.Min((int)logMel.shape[1], Math.Min(totalFrames, c.FrameCount(computed)));
            var values = logMel[.., ..frames].contiguous().data<float>().ToArray();
            for (var m = 0; m < c.MelBands; m++)
                Array.Copy(values, m * frames, data, m * totalFrames, frames);
        }
        return new FeatureMatrix([c.MelBands, totalFrames], data, Math.Min(validFrames, totalFrames));
    }

    private float[] FitLength(float[] samples, out int realLength)
    {
        realLength = samples.Length;
        if (Configuration.FixedLengthSeconds is not { } seconds) return samples;
        var target = (int)Math.Round(seconds * Configuration.SampleRate);
        realLength = Math.Min(samples.Length, target);
        if (samples.Length == target) return samples;
        var fitted = new float[target];
        Array.Copy(samples, fitted, realLength);
        return fitted;
    }

    /// <summary>torch.hann_window(n, periodic=True): 0.5 - 0.5 cos(2 pi k / n).</summary>
    private static float[] PeriodicHann(int length)
    {
        var w = new float[length];
        for (var k = 0; k < length; k++) w[k] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * k / length));
        return w;
    }
}
