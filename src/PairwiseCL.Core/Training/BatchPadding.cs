namespace PairwiseCL.Core.Training;

/// <summary>How training and inference batches are put together from utterances of different lengths.</summary>
public enum BatchPadding
{
    /// <summary>
    /// The paper's: every clip trimmed or zero-padded to 15 s, batches drawn in random order. The encoders are
    /// padding-invariant (masked convolutions, batch-norm statistics and pooling), so the collator leaves out
    /// the all-padding tail beyond the batch's longest clip; that changes no result, only the cost.
    /// </summary>
    Fixed15s,

    /// <summary>
    /// Length-aware: batches are drawn from length buckets (utterances sorted by a jittered length, cut into
    /// batches, batch order shuffled), so each batch is padded only to its own longest clip, rounded up to a
    /// multiple of the encoder's total stride. Inference runs in length order too. wav2vec 2.0 features are
    /// extracted per clip at its own length (no padding reaches the model).
    /// </summary>
    Bucketed,
}
