using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Models;

/// <summary>Linear head on the 128-d representation; returns logits (softmax lives in the cross-entropy).</summary>
public sealed class LinearClassifier : nn.Module<Tensor, Tensor>
{
    private readonly Linear linear;

    public LinearClassifier(int inputSize, int classes) : base(nameof(LinearClassifier))
    {
        if (classes < 2)
            throw new ArgumentException($"A classifier needs at least two classes, got {classes}.", nameof(classes));
        Classes = classes;
        linear = nn.Linear(inputSize, classes);
        RegisterComponents();
    }

    public int Classes { get; }

    public override Tensor forward(Tensor representation) => linear.forward(representation);
}
