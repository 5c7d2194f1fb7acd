using PairwiseCL.Core.Models;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Training;

/// <summary>Validation of a classifier on precomputed representations: cross-entropy and UAR.</summary>
internal static class Classification
{
    public static EpochValidation Evaluate(LinearClassifier classifier, Tensor representations, int[] labels, Device device)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = classifier.forward(representations);
        var truth = tensor(labels.Select(l => (long)l).ToArray(), device: device);
        var loss = nn.functional.cross_entropy(logits, truth).item<float>();
        return new EpochValidation(loss, MacroRecall.Of(labels, Inference.ToClasses(logits)));
    }
}
