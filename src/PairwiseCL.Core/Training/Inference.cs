using PairwiseCL.Core.Models;
using PairwiseCL.Core.Views;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Training;

/// <summary>Batched evaluation-mode passes: representations (t-SNE, PWCCA, frozen fine-tuning) and predictions.</summary>
public static class Inference
{
    /// <summary>The encoder's representations of all utterances, [N, D] on <paramref name="device"/>, in order.</summary>
    /// <param name="padding">Bucketed batches utterances in length order (least padding); the result is in input order either way.</param>
    public static Tensor Representations(ViewEncoder encoder, IReadOnlyList<FeatureMatrix> features, Device device, int batchSize = 128,
        CancellationToken cancellationToken = default, BatchPadding padding = BatchPadding.Fixed15s)
    {
        encoder.eval();
        using var noGrad = no_grad();
        var parts = new List<Tensor>();
        using (var scope = NewDisposeScope())
        {
            var batches = BatchOrder.ForEvaluation(padding, features.Count, () => BatchOrder.Lengths(features), batchSize);
            var multiple = padding == BatchPadding.Bucketed ? encoder.FrameMultiple : 1;
            foreach (var batch in batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Inputs are freed per batch (a wav2vec 2.0 batch is ~1 GB); only the small outputs are kept.
                using var batchScope = NewDisposeScope();
                var input = BatchCollator.Collate(features, batch, device, multiple);
                parts.Add(encoder.forward(input.Features, input.ValidFrames).MoveToOuterDisposeScope());
            }
            var all = cat(parts, 0);
            if (padding != BatchPadding.Bucketed)
                return all.MoveToOuterDisposeScope();
            // Row r of `all` is utterance order[r]; scatter the rows back into input order.
            var order = batches.SelectMany(b => b).ToArray();
            var inverse = new long[order.Length];
            for (var r = 0; r < order.Length; r++) inverse[order[r]] = r;
            return all.index_select(0, tensor(inverse, device: all.device)).MoveToOuterDisposeScope();
        }
    }

    /// <summary>Predicted class index per utterance.</summary>
    public static int[] Predict(EmotionClassifier model, IReadOnlyList<FeatureMatrix> features, Device device, int batchSize = 128,
        CancellationToken cancellationToken = default, BatchPadding padding = BatchPadding.Fixed15s)
    {
        model.eval();
        using var scope = NewDisposeScope();
        var representations = Representations(model.Encoder, features, device, batchSize, cancellationToken, padding);
        using var noGrad = no_grad();
        return ToClasses(model.Classifier.forward(representations));
    }

    /// <summary>Softmax class probabilities per utterance, [N][classes], each row summing to 1.</summary>
    public static double[][] Probabilities(EmotionClassifier model, IReadOnlyList<FeatureMatrix> features, Device device, int batchSize = 128, CancellationToken cancellationToken = default,
        BatchPadding padding = BatchPadding.Fixed15s)
    {
        model.eval();
        using var scope = NewDisposeScope();
        var representations = Representations(model.Encoder, features, device, batchSize, cancellationToken, padding);
        using var noGrad = no_grad();
        var probabilities = nn.functional.softmax(model.Classifier.forward(representations).to(float64), 1).cpu();
        var classes = (int)probabilities.shape[1];
        var values = probabilities.data<double>().ToArray();
        return Enumerable.Range(0, features.Count).Select(i => values.AsSpan(i * classes, classes).ToArray()).ToArray();
    }

    internal static int[] ToClasses(Tensor logits) =>
        logits.argmax(1).cpu().data<long>().Select(c => (int)c).ToArray();
}
