using System.Security.Cryptography;
using PairwiseCL.Core.Audio;

using PairwiseCL.Core.Views.Cache;

namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>
/// The wav2vec 2.0 view: hidden states [states (13 for BASE), frames, dim (768)] of 16 kHz audio, ~50 frames/s.
/// By default every clip is trimmed or zero-padded to 15 s and run without an attention mask (the paper),
/// and only the frames covering real audio are returned (<see cref="FeatureMatrix.ValidFrames"/> = their count,
/// floor((n - 400) / 320) + 1 for n real samples, at least 1). Storage cost per hour of real audio: 7.19 GB as
/// float32, 3.59 GB with <see cref="Wav2Vec2ViewConfiguration.Float16"/>.
/// </summary>
public sealed class Wav2Vec2View : IFeatureView, IDisposable
{
    private readonly IWav2Vec2Backend backend;
    private readonly int batchSize;

    public Wav2Vec2View(IWav2Vec2Backend backend, Wav2Vec2ViewConfiguration configuration, int batchSize = 4)
    {
        if (configuration.Architecture != backend.Architecture || configuration.Convention != backend.Convention || configuration.Backend != backend.Name)
            throw new ArgumentException("The view configuration does not describe its backend (architecture, convention or backend name differ).");
        if (configuration.Architecture.FrameCount(configuration.ClipSamples) < 1)
            throw new ArgumentException($"Clip length {configuration.ClipSeconds} s is too short for one wav2vec 2.0 frame.");
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        this.backend = backend;
        this.batchSize = batchSize;
        Configuration = configuration;
        ConfigurationKey = ConfigurationHash.Of(configuration);
        OutputShape = [configuration.Architecture.HiddenStateCount, -1, configuration.Architecture.EmbedDim];
    }

    /// <summary>Opens a checkpoint (TorchSharp) or an .onnx export (ONNX Runtime) as the view.</summary>
    public static Wav2Vec2View Open(Wav2Vec2ViewOptions options, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(options.ModelPath))
            throw new ArgumentException("No wav2vec 2.0 model path configured (Wav2Vec2:ModelPath).");
        var digest = Sha256Prefix(options.ModelPath, cancellationToken);
        var preset = string.IsNullOrWhiteSpace(options.Preset) ? null : Wav2Vec2Config.Preset(options.Preset);
        IWav2Vec2Backend backend = options.ModelPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)
            ? new OnnxWav2Vec2Backend(options.ModelPath, preset ?? Wav2Vec2Config.Base, options.Convention)
            : new TorchSharpWav2Vec2Backend(Wav2Vec2CheckpointLoader.Load(options.ModelPath, preset, options.Convention), options.PreferCuda);
        var configuration = new Wav2Vec2ViewConfiguration(backend.Name, digest, backend.Architecture, options.Convention,
            ClipSeconds: options.ClipSeconds, Padding: options.Padding, Float16: options.Float16);
        return new Wav2Vec2View(backend, configuration, options.BatchSize);
    }

    public Wav2Vec2ViewConfiguration Configuration { get; }

    /// <summary>Half-precision values (when configured) are stored in 2 bytes: lossless, half the disk.</summary>
    public FeatureStorage PreferredStorage => Configuration.Float16 ? FeatureStorage.Float16 : FeatureStorage.Float32;

    public string Name => "wav2vec2";

    public string ConfigurationKey { get; }

    public int SampleRate => Configuration.SampleRate;

    public IReadOnlyList<int> OutputShape { get; }

    /// <summary>Where the model runs ("cpu", "cuda").</summary>
    public string Device => backend.Device;

    public FeatureMatrix Extract(AudioClip clip, CancellationToken cancellationToken = default) =>
        ExtractBatch([clip], null, cancellationToken)[0];

    /// <summary>Extracts many clips, batched; reports the number of clips done after each batch.</summary>
    public IReadOnlyList<FeatureMatrix> ExtractBatch(IReadOnlyList<AudioClip> clips, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        foreach (var clip in clips)
        {
            if (clip.SampleRate != SampleRate)
                throw new ArgumentException($"wav2vec 2.0 needs {SampleRate} Hz audio; a clip is at {clip.SampleRate} Hz (resample it first).");
        }
        var results = new List<FeatureMatrix>(clips.Count);
        // Trim-only clips have their own lengths, so they cannot share a batch.
        var size = Configuration.Padding == Wav2Vec2Padding.TrimOnly ? 1 : batchSize;
        for (var start = 0; start < clips.Count; start += size)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.AddRange(ExtractOneBatch(clips.Skip(start).Take(size).ToList()));
            progress?.Report(results.Count);
        }
        return results;
    }

    private IEnumerable<FeatureMatrix> ExtractOneBatch(IReadOnlyList<AudioClip> clips)
    {
        var architecture = Configuration.Architecture;
        var realSamples = clips.Select(c => Math.Min(c.Samples.Length, Configuration.ClipSamples)).ToArray();
        var samples = Configuration.Padding == Wav2Vec2Padding.TrimOnly
            ? Math.Max(realSamples[0], architecture.ConvLayers[0].Kernel)
            : Configuration.ClipSamples;
        var waveforms = new float[clips.Count * samples]; // zeros beyond each clip are the padding
        for (var i = 0; i < clips.Count; i++)
            Array.Copy(clips[i].Samples, 0, waveforms, i * samples, realSamples[i]);

        var hidden = backend.Run(waveforms, clips.Count, samples);
        var (states, frames, dim) = (architecture.HiddenStateCount, architecture.FrameCount(samples), architecture.EmbedDim);
        for (var i = 0; i < clips.Count; i++)
        {
            // Frames computed from real samples only, as torchaudio's lengths would give; never fewer than one.
            var valid = Math.Clamp(architecture.FrameCount(realSamples[i]), 1, frames);
            var kept = Configuration.Padding == Wav2Vec2Padding.FixedLengthAllFrames ? frames : valid;
            var data = new float[states * kept * dim];
            for (var s = 0; s < states; s++)
                Array.Copy(hidden, ((long)(s * clips.Count + i) * frames) * dim, data, (long)s * kept * dim, (long)kept * dim);
            if (Configuration.Float16)
                RoundToHalf(data);
            yield return new FeatureMatrix([states, kept, dim], data, valid);
        }
    }

    private static void RoundToHalf(float[] values)
    {
        for (var i = 0; i < values.Length; i++)
            values[i] = (float)(Half)values[i];
    }

    private static string Sha256Prefix(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"wav2vec 2.0 model '{path}' does not exist.", path);
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashDataAsync(stream, cancellationToken).AsTask().GetAwaiter().GetResult())[..16];
    }

    public void Dispose() => backend.Dispose();
}
