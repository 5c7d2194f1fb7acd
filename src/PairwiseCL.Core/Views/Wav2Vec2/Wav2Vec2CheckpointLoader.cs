using System.Text;
using PairwiseCL.Core.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>Loads wav2vec 2.0 / HuBERT weights from safetensors or PyTorch checkpoints into a <see cref="Wav2Vec2Model"/>.</summary>
public static class Wav2Vec2CheckpointLoader
{
    private const string PositionalWeight = "encoder.transformer.pos_conv_embed.conv.weight";

    /// <summary>Reads <paramref name="path"/>, builds the model (the architecture inferred from the tensors unless given) and loads it.</summary>
    public static Wav2Vec2Model Load(string path, Wav2Vec2Config? config = null, HiddenStateConvention convention = HiddenStateConvention.Torchaudio)
    {
        var tensors = CheckpointFile.Read(path);
        var model = Models.SeededModules.Build(() => new Wav2Vec2Model(config ?? Wav2Vec2ConfigInference.FromStateDict(MapKeys(tensors, path)), convention));
        LoadInto(model, tensors, path);
        return model;
    }

    /// <summary>
    /// Copies every tensor into the model. Throws <see cref="Wav2Vec2CheckpointException"/> listing all missing
    /// keys, unexpected keys and shape mismatches at once, before changing any parameter.
    /// </summary>
    public static void LoadInto(Wav2Vec2Model model, IReadOnlyDictionary<string, CheckpointTensor> checkpoint, string displayName = "checkpoint")
    {
        var mapped = MapKeys(checkpoint, displayName);
        var expected = model.state_dict();
        var missing = expected.Keys.Where(k => !mapped.ContainsKey(k)).ToList();
        var unexpected = mapped.Keys.Where(k => !expected.ContainsKey(k)).Select(k => OriginalName(k, mapped)).ToList();
        var mismatched = expected
            .Where(e => mapped.TryGetValue(e.Key, out var t) && !t.Tensor.Shape.SequenceEqual(e.Value.shape))
            .Select(e => $"{mapped[e.Key].OriginalKey}: checkpoint {mapped[e.Key].Tensor.ShapeText}, model [{string.Join(", ", e.Value.shape)}]")
            .ToList();
        if (missing.Count + unexpected.Count + mismatched.Count > 0)
            throw new Wav2Vec2CheckpointException(Describe(displayName, missing, unexpected, mismatched));

        using var noGrad = no_grad();
        foreach (var (key, target) in expected)
        {
            using var source = tensor(mapped[key].Tensor.Values, mapped[key].Tensor.Shape, dtype: target.dtype);
            target.copy_(source);
        }
    }

    private static string OriginalName(string modelKey, IReadOnlyDictionary<string, MappedTensor> mapped) =>
        mapped[modelKey].OriginalKey == modelKey ? modelKey : $"{mapped[modelKey].OriginalKey} (as {modelKey})";

    internal static IReadOnlyDictionary<string, MappedTensor> MapKeys(IReadOnlyDictionary<string, CheckpointTensor> checkpoint, string displayName)
    {
        var mapped = new Dictionary<string, MappedTensor>(StringComparer.Ordinal);
        foreach (var (key, value) in checkpoint)
        {
            var modelKey = Wav2Vec2KeyMap.ToModelKey(key);
            if (modelKey is null)
                continue;
            if (mapped.TryGetValue(modelKey, out var clash))
                throw new Wav2Vec2CheckpointException($"{displayName}: keys '{clash.OriginalKey}' and '{key}' both map to '{modelKey}'.");
            mapped[modelKey] = new MappedTensor(key, value);
        }
        SplitPlainPositionalWeight(mapped);
        return mapped;
    }

    // A checkpoint saved after remove_weight_norm holds the plain weight; g = ||w|| (over dims 0, 1), v = w reproduces it.
    private static void SplitPlainPositionalWeight(Dictionary<string, MappedTensor> mapped)
    {
        if (!mapped.Remove(PositionalWeight, out var plain) || mapped.ContainsKey(PositionalWeight + "_v"))
            return;
        var shape = plain.Tensor.Shape;
        var (rows, kernel) = (shape[0] * shape[1], shape[2]);
        var g = new float[kernel];
        for (long k = 0; k < kernel; k++)
        {
            double sum = 0;
            for (long r = 0; r < rows; r++)
                sum += Math.Pow(plain.Tensor.Values[r * kernel + k], 2);
            g[k] = (float)Math.Sqrt(sum);
        }
        mapped[PositionalWeight + "_g"] = new MappedTensor(plain.OriginalKey, CheckpointTensor.Create(g, 1, 1, kernel));
        mapped[PositionalWeight + "_v"] = plain;
    }

    private static string Describe(string displayName, List<string> missing, List<string> unexpected, List<string> mismatched)
    {
        var message = new StringBuilder($"{displayName} does not fit the configured wav2vec 2.0 architecture:");
        void Section(string title, List<string> items)
        {
            if (items.Count == 0)
                return;
            message.Append($"\n  {title} ({items.Count}):");
            foreach (var item in items)
                message.Append("\n    ").Append(item);
        }
        Section("missing keys", missing);
        Section("unexpected keys", unexpected);
        Section("shape mismatches", mismatched);
        return message.ToString();
    }

    internal sealed record MappedTensor(string OriginalKey, CheckpointTensor Tensor);
}
