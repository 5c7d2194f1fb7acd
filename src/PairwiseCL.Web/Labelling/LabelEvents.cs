using PairwiseCL.Store.Entities;

namespace PairwiseCL.Web.Labelling;

/// <summary>
/// Changes an utterance's current label and returns the event that records the change. A person's label and an
/// accepted model prediction are separate fields, each with its own history, so neither overwrites the other.
/// </summary>
internal static class LabelEvents
{
    /// <summary>The label an event of <paramref name="source"/> changes.</summary>
    public static string? Current(UtteranceEntity utterance, LabelSource source) => source == LabelSource.Model ? utterance.ModelLabel : utterance.Label;

    public static LabelEvent Record(UtteranceEntity utterance, string? label, string? userId, LabelProvenance? provenance = null)
    {
        var source = provenance?.Source ?? LabelSource.Human;
        var labelEvent = new LabelEvent
        {
            UtteranceId = utterance.Id,
            UserId = userId,
            PreviousLabel = Current(utterance, source),
            Label = label,
            AtUtc = DateTime.UtcNow,
            Source = source,
            Strategy = provenance?.Strategy,
            QueuePosition = provenance?.QueuePosition,
            EncoderSet = provenance?.EncoderSet,
        };
        if (source == LabelSource.Model) utterance.ModelLabel = label;
        else utterance.Label = label;
        return labelEvent;
    }
}
