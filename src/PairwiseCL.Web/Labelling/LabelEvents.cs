using PairwiseCL.Store.Entities;

namespace PairwiseCL.Web.Labelling;

/// <summary>Changes an utterance's current label and returns the event that records the change.</summary>
internal static class LabelEvents
{
    public static LabelEvent Record(UtteranceEntity utterance, string? label, string? userId, LabelProvenance? provenance = null)
    {
        var labelEvent = new LabelEvent
        {
            UtteranceId = utterance.Id,
            UserId = userId,
            PreviousLabel = utterance.Label,
            Label = label,
            AtUtc = DateTime.UtcNow,
            Source = provenance?.Source ?? LabelSource.Human,
            Strategy = provenance?.Strategy,
            QueuePosition = provenance?.QueuePosition,
            EncoderSet = provenance?.EncoderSet,
        };
        utterance.Label = label;
        return labelEvent;
    }
}
