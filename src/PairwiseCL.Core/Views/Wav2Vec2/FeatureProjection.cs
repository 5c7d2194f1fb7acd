using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>Layer norm then linear projection from the conv channels to the transformer dimension.</summary>
internal sealed class FeatureProjection : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> layerNorm;
    private readonly nn.Module<Tensor, Tensor> projection;

    public FeatureProjection(int inFeatures, int outFeatures, double epsilon) : base(nameof(FeatureProjection))
    {
        layerNorm = nn.LayerNorm(inFeatures, eps: epsilon);
        projection = nn.Linear(inFeatures, outFeatures);
        register_module("layer_norm", layerNorm);
        register_module("projection", projection);
    }

    public override Tensor forward(Tensor x) => projection.forward(layerNorm.forward(x));

    // Children are registered under torchaudio's state-dict names in the constructor; TorchSharp's default
    // field-name registration would add every tensor a second time under the C# field name.
    protected override void RegisterComponents()
    {
    }
}
