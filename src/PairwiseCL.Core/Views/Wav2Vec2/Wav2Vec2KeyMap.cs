using System.Text.RegularExpressions;

namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>
/// Maps checkpoint keys onto this model's (torchaudio's) state-dict names. Hugging Face names
/// (<c>wav2vec2.encoder.layers.N...</c>, <c>feature_projection...</c>), torchaudio names
/// (<c>encoder.transformer.layers.N...</c>) and both weight-norm namings (<c>weight_g</c>/<c>weight_v</c> and
/// <c>parametrizations.weight.original0/1</c>) are understood. Keys of heads that are not part of the
/// encoder (pre-training quantizer, CTC or classification heads, mask embedding) are ignored.
/// </summary>
public static partial class Wav2Vec2KeyMap
{
    private static readonly string[] WrapperPrefixes = ["state_dict.", "module.", "wav2vec2.", "hubert.", "model."];

    private static readonly string[] HeadPrefixes =
    [
        "masked_spec_embed", "mask_emb", "quantizer.", "project_hid.", "project_q.", "lm_head.", "aux.",
        "final_proj.", "label_embs_concat", "projector.", "classifier.", "dropout_features", "layer_weights",
    ];

    private static readonly (string From, string To)[] HuggingFaceRenames =
    [
        ("feature_projection.", "encoder.feature_projection."),
        ("encoder.pos_conv_embed.", "encoder.transformer.pos_conv_embed."),
        ("encoder.layer_norm.", "encoder.transformer.layer_norm."),
        ("encoder.layers.", "encoder.transformer.layers."),
    ];

    /// <summary>The model key for <paramref name="checkpointKey"/>, or null when the key belongs to a head the view does not use.</summary>
    public static string? ToModelKey(string checkpointKey)
    {
        var key = checkpointKey;
        foreach (var prefix in WrapperPrefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
                key = key[prefix.Length..];
        }
        if (HeadPrefixes.Any(head => key.StartsWith(head, StringComparison.Ordinal)))
            return null;
        key = key.Replace(".parametrizations.weight.original0", ".weight_g", StringComparison.Ordinal)
                 .Replace(".parametrizations.weight.original1", ".weight_v", StringComparison.Ordinal);
        foreach (var (from, to) in HuggingFaceRenames)
        {
            if (key.StartsWith(from, StringComparison.Ordinal))
                return to + key[from.Length..];
        }
        return key;
    }

    /// <summary>Hugging Face name of a model key (what <c>Wav2Vec2Model.save_pretrained</c> writes), for writers and messages.</summary>
    public static string ToHuggingFaceKey(string modelKey, bool parametrizedWeightNorm = false)
    {
        var key = modelKey;
        foreach (var (from, to) in HuggingFaceRenames)
        {
            if (key.StartsWith(to, StringComparison.Ordinal))
            {
                key = from + key[to.Length..];
                break;
            }
        }
        if (parametrizedWeightNorm)
            key = key.Replace(".weight_g", ".parametrizations.weight.original0", StringComparison.Ordinal)
                     .Replace(".weight_v", ".parametrizations.weight.original1", StringComparison.Ordinal);
        return key;
    }

    public static int? TransformerLayerIndex(string modelKey)
    {
        var match = LayerIndexPattern().Match(modelKey);
        return match.Success ? int.Parse(match.Groups[1].Value) : null;
    }

    [GeneratedRegex(@"^encoder\.transformer\.layers\.(\d+)\.")]
    private static partial Regex LayerIndexPattern();
}
