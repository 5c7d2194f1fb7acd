namespace PairwiseCL.Web.Labelling;

/// <summary>
/// The result of a labelling action: done (with the label event id it recorded, for undo)
/// or refused with the reason.
/// </summary>
public sealed record LabelOutcome(bool Done, string Message, long? EventId = null)
{
    public static LabelOutcome Refused(string message) => new(false, message);
}
