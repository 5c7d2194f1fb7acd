namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>
/// Reads the architecture off a mapped state dict's shapes. Strides are not stored in a checkpoint: the
/// standard (10,3,3,3,3,2,2) kernels get the standard (5,2,2,2,2,2,2) strides, anything else needs an
/// explicit configuration. Pre-norm is not stored either: it is assumed exactly for layer-norm extractors,
/// which holds for every torchaudio preset (BASE, LARGE, LARGE-LV60K, XLS-R, HuBERT).
/// </summary>
internal static class Wav2Vec2ConfigInference
{
    public static Wav2Vec2Config FromStateDict(IReadOnlyDictionary<string, Wav2Vec2CheckpointLoader.MappedTensor> mapped)
    {
        long[] Shape(string key) => mapped.TryGetValue(key, out var t)
            ? t.Tensor.Shape
            : throw new Wav2Vec2CheckpointException($"Cannot infer the wav2vec 2.0 architecture: the checkpoint has no '{key}' (or its Hugging Face equivalent '{Wav2Vec2KeyMap.ToHuggingFaceKey(key)}').");

        var convs = new List<long[]>();
        for (var i = 0; mapped.ContainsKey($"feature_extractor.conv_layers.{i}.conv.weight"); i++)
            convs.Add(Shape($"feature_extractor.conv_layers.{i}.conv.weight"));
        var standard = Wav2Vec2Config.StandardConvLayers;
        if (convs.Count != standard.Count || convs.Where((c, i) => c[2] != standard[i].Kernel).Any())
            throw new Wav2Vec2CheckpointException(
                $"Cannot infer conv strides for kernels ({string.Join(",", convs.Select(c => c[2]))}); pass an explicit configuration.");
        var convLayers = convs.Select((c, i) => new ConvLayerSpec((int)c[0], standard[i].Kernel, standard[i].Stride)).ToList();

        var layerNormExtractor = mapped.ContainsKey("feature_extractor.conv_layers.1.layer_norm.weight");
        var embedDim = (int)Shape("encoder.feature_projection.projection.weight")[0];
        var layerCount = mapped.Keys.Select(Wav2Vec2KeyMap.TransformerLayerIndex).Max() + 1
            ?? throw new Wav2Vec2CheckpointException("Cannot infer the wav2vec 2.0 architecture: the checkpoint has no transformer layers.");
        var positional = Shape("encoder.transformer.pos_conv_embed.conv.weight_v");
        return new Wav2Vec2Config(
            convLayers,
            layerNormExtractor ? FeatureExtractorNorm.LayerNorm : FeatureExtractorNorm.GroupNorm,
            mapped.ContainsKey("feature_extractor.conv_layers.0.conv.bias"),
            embedDim,
            layerCount,
            HeadCount: Math.Max(1, embedDim / 64), // every released model uses 64-dimensional heads
            FeedForwardDim: (int)Shape("encoder.transformer.layers.0.feed_forward.intermediate_dense.weight")[0],
            PositionalConvKernel: (int)positional[2],
            PositionalConvGroups: (int)(embedDim / positional[1]),
            LayerNormFirst: layerNormExtractor);
    }
}
