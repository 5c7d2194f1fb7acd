namespace PairwiseCL.Store.Entities;

/// <summary>
/// History of labelling: who set which label on which utterance, and when. The utterance row holds
/// the current label; these events keep every earlier decision (for undo and audit).
/// </summary>
public sealed class LabelEvent
{
    public long Id { get; set; }

    public long UtteranceId { get; set; }

    public UtteranceEntity? Utterance { get; set; }

    public string? UserId { get; set; }

    public PortalUser? User { get; set; }

    public string? PreviousLabel { get; set; }

    /// <summary>The label set; null when the label was cleared.</summary>
    public string? Label { get; set; }

    public DateTime AtUtc { get; set; } = DateTime.UtcNow;

    /// <summary>A person's decision (every event before provenance was recorded), or an accepted model prediction.</summary>
    public LabelSource Source { get; set; } = LabelSource.Human;

    /// <summary>The order that put the clip in front of the annotator ("sequential", "random", "diversity", …); null when unknown.</summary>
    public string? Strategy { get; set; }

    /// <summary>The clip's 1-based position in the queue when it was labelled; null when unknown.</summary>
    public int? QueuePosition { get; set; }

    /// <summary>The encoder set whose representations ordered the queue, by its hash; null for orders that use none.</summary>
    public string? EncoderSet { get; set; }
}
