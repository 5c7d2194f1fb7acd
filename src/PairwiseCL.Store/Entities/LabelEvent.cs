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
}
