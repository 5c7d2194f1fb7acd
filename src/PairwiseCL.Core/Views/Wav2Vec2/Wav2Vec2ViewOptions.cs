namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>
/// What a user chooses when opening the view (bound from the <c>Wav2Vec2</c> section of appsettings.json).
/// <see cref="BatchSize"/> and <see cref="PreferCuda"/> change speed, not features, so they do not key the cache.
/// </summary>
public sealed record Wav2Vec2ViewOptions
{
    /// <summary>Checkpoint (.safetensors, pytorch_model.bin, torchaudio .pth) or .onnx export.</summary>
    public string ModelPath { get; init; } = "";

    /// <summary>Architecture preset: base, large-lv60k, hubert-base; empty = inferred from the checkpoint (BASE for .onnx).</summary>
    public string Preset { get; init; } = "";

    public HiddenStateConvention Convention { get; init; } = HiddenStateConvention.Torchaudio;

    public double ClipSeconds { get; init; } = 15;

    public Wav2Vec2Padding Padding { get; init; } = Wav2Vec2Padding.FixedLengthRealFramesOnly;

    public bool Float16 { get; init; }

    public int BatchSize { get; init; } = 4;

    public bool PreferCuda { get; init; } = true;

    /// <summary>
    /// The options an experiment batched with <paramref name="padding"/> extracts with: length buckets run every
    /// clip at its own length (<see cref="Wav2Vec2Padding.TrimOnly"/>, no padding reaches the model: torchaudio's
    /// output for the unpadded clip); the paper's 15 s padding keeps these options.
    /// </summary>
    public Wav2Vec2ViewOptions For(Training.BatchPadding padding) =>
        padding == Training.BatchPadding.Bucketed ? this with { Padding = Wav2Vec2Padding.TrimOnly } : this;
}
