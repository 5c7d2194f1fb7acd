using PairwiseCL.Core.Models;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Training;

/// <summary>
/// Pairwise-CL loss (paper, equations 1-3): for every pair of views (i, j), NT-Xent with cosine similarity and
/// temperature tau, where each of the 2N projections is an anchor whose positive is the other view of the
/// same utterance and whose negatives are the other 2N - 2 projections of the batch; the pair loss averages
/// the 2N anchors (both directions) and the total averages the C(K, 2) pairs.
/// </summary>
public sealed class PairwiseContrastiveLoss
{
    public PairwiseContrastiveLoss(double temperature)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be a positive finite number.");
        Temperature = temperature;
    }

    public double Temperature { get; }

    /// <summary>Loss over K >= 2 views, each [N, P] with rows aligned by utterance.</summary>
    public Tensor Compute(IReadOnlyList<Tensor> projections)
    {
        if (projections.Count < 2)
            throw new ArgumentException($"Pairwise-CL needs at least two views, got {projections.Count}.", nameof(projections));
        var pairs = new List<Tensor>();
        for (var i = 0; i < projections.Count; i++)
            for (var j = i + 1; j < projections.Count; j++)
                pairs.Add(NtXent(projections[i], projections[j]));
        return stack(pairs).mean();
    }

    /// <summary>NT-Xent between two views, averaged over all 2N anchors.</summary>
    public Tensor NtXent(Tensor first, Tensor second)
    {
        if (first.dim() != 2 || !first.shape.SequenceEqual(second.shape))
            throw new ArgumentException($"Both views must be [N, P] with the same shape, got [{string.Join(",", first.shape)}] and [{string.Join(",", second.shape)}].");
        var n = first.shape[0];
        if (n < 2)
            throw new ArgumentException($"NT-Xent needs at least two utterances per batch for negatives, got {n}.");

        var z = nn.functional.normalize(cat([first, second], 0), p: 2, dim: 1);
        // ScalarSafe: no Scalar temporaries on the per-batch path (see there).
        var logits = ScalarSafe.Divide(matmul(z, z.t()), Temperature);
        // An anchor is never its own negative: drop the diagonal from the softmax.
        var self = eye(2 * n, dtype: ScalarType.Bool, device: z.device);
        logits = ScalarSafe.MaskedFill(logits, self, double.NegativeInfinity);
        var positives = cat([ScalarSafe.Range(n, 2 * n, z.device), ScalarSafe.Range(0, n, z.device)]);
        return nn.functional.cross_entropy(logits, positives);
    }
}
