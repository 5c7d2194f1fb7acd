using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>The transformer layer's position-wise MLP: dense, GELU, dense.</summary>
internal sealed class FeedForward : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> intermediateDense;
    private readonly nn.Module<Tensor, Tensor> outputDense;

    public FeedForward(int embedDim, int hiddenDim) : base(nameof(FeedForward))
    {
        intermediateDense = nn.Linear(embedDim, hiddenDim);
        outputDense = nn.Linear(hiddenDim, embedDim);
        register_module("intermediate_dense", intermediateDense);
        register_module("output_dense", outputDense);
    }

    public override Tensor forward(Tensor x) => outputDense.forward(nn.functional.gelu(intermediateDense.forward(x)));

    // Children are registered under torchaudio's state-dict names in the constructor; TorchSharp's default
    // field-name registration would add every tensor a second time under the C# field name.
    protected override void RegisterComponents()
    {
    }
}
