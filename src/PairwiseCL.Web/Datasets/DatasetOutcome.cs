namespace PairwiseCL.Web.Datasets;

/// <summary>What became of a request to add a corpus: queued as a job, or refused with the reason.</summary>
public sealed record DatasetOutcome(bool Accepted, string Message, long? JobId = null)
{
    public static DatasetOutcome Refused(string message) => new(false, message);
}
