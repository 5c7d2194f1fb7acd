using PairwiseCL.Store.Entities;

namespace PairwiseCL.Web.Labelling;

/// <summary>
/// Why a clip was labelled when it was: the queue order that showed it, its position there and the encoder set
/// behind an informative order, so a lab can later analyse its own annotation.
/// </summary>
public sealed record LabelProvenance(string Strategy, int? QueuePosition = null, string? EncoderSet = null, LabelSource Source = LabelSource.Human)
{
    /// <summary>An undo restores a label; it is the annotator's own decision, not a pick from the queue.</summary>
    public static LabelProvenance Undo { get; } = new("undo");
}
