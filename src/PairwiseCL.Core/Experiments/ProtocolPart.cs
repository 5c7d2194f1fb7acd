namespace PairwiseCL.Core.Experiments;

public enum ProtocolPartKind
{
    /// <summary>One fold's pre-training on one set at one temperature.</summary>
    Pretraining,

    /// <summary>One fold's fine-tuning runs (every method and repeat) of one view at one label fraction.</summary>
    FineTuning,
}

/// <summary>
/// A piece of the protocol that one host can run on its own (<see cref="ProtocolRunner.Parts"/>); <see cref="Units"/> is
/// its share of the protocol's work, in the units of <see cref="ProtocolProgress"/>.
/// </summary>
public sealed record ProtocolPart(ProtocolPartKind Kind, int Fold, int Units, string? Set = null, double? Temperature = null, string? View = null, double? FractionPercent = null)
{
    /// <summary>Whether this part runs the fine-tunings of <paramref name="view"/> at <paramref name="fraction"/> %.</summary>
    public bool Covers(string view, double fraction) => Kind == ProtocolPartKind.FineTuning && View == view && FractionPercent == fraction;

    public string Describe() => Kind == ProtocolPartKind.Pretraining
        ? $"fold {Fold + 1}: pre-training on {Set} utterances, tau {Temperature}"
        : $"fold {Fold + 1}: fine-tuning {View} at {FractionPercent}% labels";
}
