using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Models;

/// <summary>Per-view projection g_i used only in pre-training: MLP 256 -> 128 into the contrastive space.</summary>
public sealed class ProjectionHead : nn.Module<Tensor, Tensor>
{
    private readonly Linear hidden;
    private readonly Linear output;

    public ProjectionHead(int inputSize, ProjectionHeadConfig config) : base(nameof(ProjectionHead))
    {
        hidden = nn.Linear(inputSize, config.HiddenSize);
        output = nn.Linear(config.HiddenSize, config.OutputSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor representation) =>
        output.forward(nn.functional.relu(hidden.forward(representation)));
}
