namespace PairwiseCL.Web.Labelling;

/// <summary>One recorded labelling decision, as the history list shows it.</summary>
public sealed record LabelHistoryEntry(long EventId, DateTime AtUtc, string Annotator, string? PreviousLabel, string? Label);
