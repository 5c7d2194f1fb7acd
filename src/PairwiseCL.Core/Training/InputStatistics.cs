using PairwiseCL.Core.Models;
using PairwiseCL.Core.Views;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Training;

/// <summary>Fits an encoder's input standardisation (eGeMAPS) on training features; other encoders have none.</summary>
internal static class InputStatistics
{
    public static void Fit(ViewEncoder encoder, IReadOnlyList<FeatureMatrix> trainingFeatures)
    {
        if (encoder is not EgemapsMlpEncoder egemaps)
            return;
        using var scope = NewDisposeScope();
        var all = BatchCollator.Collate(trainingFeatures, Enumerable.Range(0, trainingFeatures.Count).ToArray(), CPU);
        egemaps.FitStandardisation(all.Features);
    }
}
