namespace PairwiseCL.Web.Labelling;

/// <summary>
/// The result of a labelling action: done (with the id of the label event it recorded, for undo, and
/// the clip's label afterwards) or refused with the reason.
/// </summary>
public sealed record LabelOutcome(bool Done, string Message, long? EventId = null, string? Label = null)
{
    public static LabelOutcome Refused(string message) => new(false, message);
}
