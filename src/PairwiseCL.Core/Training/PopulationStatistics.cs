using PairwiseCL.Core.Models;
using PairwiseCL.Core.Views;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Training;

/// <summary>
/// Recomputes every batch-norm layer's running statistics from the training data with the current weights
/// ("precise BatchNorm"). Why: with training sets smaller than a batch an epoch is one optimizer step, so after
/// the Quick preset's 9-25 steps a momentum-0.1 running mean still holds 0.9^steps of its initial 0 and the
/// running variance of its initial 1. The log-mel CNN's unnormalised first-layer activations then sit far from
/// those values in evaluation mode, every utterance maps to nearly the same representation and the model
/// predicts one class (UAR = 1/classes) although its training-mode loss falls.
/// </summary>
internal static class PopulationStatistics
{
    /// <summary>Runs the encoder in training mode without gradients over <paramref name="features"/> in order.</summary>
    public static void Recompute(ViewEncoder encoder, IReadOnlyList<FeatureMatrix> features, int batchSize, Device device, CancellationToken cancellationToken)
    {
        var norms = encoder.modules().OfType<ScalarFreeBatchNorm2d>().ToList();
        if (norms.Count == 0 || features.Count == 0)
            return;
        var wasTraining = encoder.training;
        norms.ForEach(n => n.BeginPopulationStatistics());
        try
        {
            encoder.train();
            using var noGrad = no_grad();
            foreach (var batch in BatchOrder.Sequential(features.Count, batchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var input = BatchCollator.Collate(features, batch, device);
                encoder.forward(input.Features, input.ValidFrames);
            }
        }
        finally
        {
            norms.ForEach(n => n.EndPopulationStatistics());
            encoder.train(wasTraining);
        }
    }
}
