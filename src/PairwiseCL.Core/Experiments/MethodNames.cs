namespace PairwiseCL.Core.Experiments;

/// <summary>The three ways the protocol trains a view's encoder for emotion classification.</summary>
public static class MethodNames
{
    /// <summary>Encoder + classifier trained from random initialisation on the labelled subset.</summary>
    public const string Supervised = "supervised";

    /// <summary>Pairwise-CL pre-trained encoder, fine-tuned together with the classifier.</summary>
    public const string PairwiseTuned = "pairwise-tuned";

    /// <summary>Pairwise-CL pre-trained encoder kept frozen; only the linear classifier learns.</summary>
    public const string PairwiseFrozen = "pairwise-frozen";

    public static IReadOnlyList<string> All { get; } = [Supervised, PairwiseTuned, PairwiseFrozen];

    public static bool NeedsPretraining(string method) => method != Supervised;
}
