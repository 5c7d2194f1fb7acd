namespace PairwiseCL.Web.Datasets;

/// <summary>The verdict on an uploaded archive: safe to extract (with its files) or refused, and why.</summary>
public sealed record ArchiveCheck(bool IsSafe, string Message, IReadOnlyList<string> Files, long TotalBytes)
{
    public static ArchiveCheck Refused(string message) => new(false, message, [], 0);
}
