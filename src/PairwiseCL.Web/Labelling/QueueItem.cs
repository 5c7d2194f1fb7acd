namespace PairwiseCL.Web.Labelling;

/// <summary>One clip in the labelling queue, with its current label.</summary>
public sealed record QueueItem(string Key, string Speaker, string Session, double DurationSeconds, string? Label);
