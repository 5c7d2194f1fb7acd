using PairwiseCL.Core.Views.Egemaps;
using PairwiseCL.Core.Views.Mel;
using PairwiseCL.Core.Views.Wav2Vec2;

namespace PairwiseCL.Core.Views;

/// <summary>
/// Creates the views by their names with the paper's configurations. wav2vec 2.0 needs a checkpoint
/// (or ONNX export) that the user supplies: <see cref="Wav2Vec2ViewOptions.ModelPath"/>, bound from the
/// "Wav2Vec2" section of appsettings.json.
/// </summary>
public static class FeatureViewCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["mel", "egemaps", "wav2vec2"];

    public static IFeatureView Create(string name, Wav2Vec2ViewOptions? wav2vec2 = null) => name switch
    {
        "mel" => new LogMelView(),
        "egemaps" => new EgemapsView(),
        "wav2vec2" when string.IsNullOrWhiteSpace(wav2vec2?.ModelPath) =>
            throw new ArgumentException("The wav2vec2 view needs a checkpoint: set Wav2Vec2:ModelPath in appsettings.json (or the environment variable Wav2Vec2__ModelPath) to a model.safetensors, pytorch_model.bin, torchaudio .pth or .onnx file."),
        "wav2vec2" => Wav2Vec2View.Open(wav2vec2!),
        _ => throw new ArgumentException($"Unknown view '{name}'; known views: {string.Join(", ", Names)}.", nameof(name)),
    };
}
