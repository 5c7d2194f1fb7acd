namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>How the convolutional feature encoder normalises (torchaudio's <c>extractor_mode</c>).</summary>
public enum FeatureExtractorNorm
{
    /// <summary>Group norm (one group per channel) in the first conv layer only: wav2vec 2.0 / HuBERT BASE.</summary>
    GroupNorm,

    /// <summary>Layer norm over channels after every conv layer: LARGE-LV60K, XLS-R, HuBERT LARGE.</summary>
    LayerNorm,
}

/// <summary>One layer of the convolutional feature encoder.</summary>
public sealed record ConvLayerSpec(int OutChannels, int Kernel, int Stride);

/// <summary>
/// The architecture of a wav2vec 2.0 / HuBERT encoder as torchaudio's <c>wav2vec2_model</c> describes it.
/// <see cref="LayerNormFirst"/> is the model-level flag: false (BASE) means post-norm transformer layers with
/// the encoder's layer norm applied to the transformer input; true means pre-norm layers with the layer norm
/// applied after the last layer (torchaudio passes <c>not layer_norm_first</c> to its Transformer).
/// </summary>
public sealed record Wav2Vec2Config(
    IReadOnlyList<ConvLayerSpec> ConvLayers,
    FeatureExtractorNorm ExtractorNorm,
    bool ConvBias,
    int EmbedDim,
    int LayerCount,
    int HeadCount,
    int FeedForwardDim,
    int PositionalConvKernel,
    int PositionalConvGroups,
    bool LayerNormFirst,
    double LayerNormEpsilon = 1e-5)
{
    /// <summary>The 7-layer, 512-channel encoder of every wav2vec 2.0 / HuBERT model: 25 ms receptive field, 20 ms hop.</summary>
    public static IReadOnlyList<ConvLayerSpec> StandardConvLayers { get; } =
    [
        new(512, 10, 5), new(512, 3, 2), new(512, 3, 2), new(512, 3, 2), new(512, 3, 2), new(512, 2, 2), new(512, 2, 2),
    ];

    /// <summary>torchaudio <c>wav2vec2_base</c> (WAV2VEC2_BASE, facebook/wav2vec2-base): 94.4 M parameters.</summary>
    public static Wav2Vec2Config Base { get; } = new(StandardConvLayers, FeatureExtractorNorm.GroupNorm, false, 768, 12, 12, 3072, 128, 16, false);

    /// <summary>torchaudio <c>wav2vec2_large_lv60k</c> (LARGE-LV60K, XLS-R style): layer-norm extractor with bias, pre-norm.</summary>
    public static Wav2Vec2Config LargeLv60k { get; } = new(StandardConvLayers, FeatureExtractorNorm.LayerNorm, true, 1024, 24, 16, 4096, 128, 16, true);

    /// <summary>torchaudio <c>hubert_base</c> (HUBERT_BASE, facebook/hubert-base-ls960): same encoder as wav2vec 2.0 BASE.</summary>
    public static Wav2Vec2Config HubertBase { get; } = Base;

    public int ExtractorChannels => ConvLayers[^1].OutChannels;

    /// <summary>Hidden states the model returns: the feature projection output plus one per transformer layer.</summary>
    public int HiddenStateCount => LayerCount + 1;

    /// <summary>Frames the conv encoder produces for <paramref name="samples"/> samples (0 when too short for one).</summary>
    public int FrameCount(long samples)
    {
        foreach (var layer in ConvLayers)
        {
            if (samples < layer.Kernel)
                return 0;
            samples = (samples - layer.Kernel) / layer.Stride + 1;
        }
        return (int)samples;
    }

    public void Validate()
    {
        if (ConvLayers.Count == 0)
            throw new ArgumentException("A wav2vec 2.0 configuration needs at least one conv layer.");
        if (EmbedDim % HeadCount != 0)
            throw new ArgumentException($"Embedding dimension {EmbedDim} is not divisible by {HeadCount} heads.");
        if (EmbedDim % PositionalConvGroups != 0)
            throw new ArgumentException($"Embedding dimension {EmbedDim} is not divisible by {PositionalConvGroups} positional conv groups.");
        if (LayerCount < 1)
            throw new ArgumentException("A wav2vec 2.0 configuration needs at least one transformer layer.");
    }

    public static Wav2Vec2Config Preset(string name) => name.ToLowerInvariant() switch
    {
        "base" => Base,
        "large-lv60k" or "large" => LargeLv60k,
        "hubert-base" or "hubert" => HubertBase,
        _ => throw new ArgumentException($"Unknown wav2vec 2.0 preset '{name}'; use base, large-lv60k or hubert-base."),
    };
}
