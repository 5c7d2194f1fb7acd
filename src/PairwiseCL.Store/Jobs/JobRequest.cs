namespace PairwiseCL.Store.Jobs;

/// <summary>What to run: the handler's kind, its input as JSON, and the device it needs.</summary>
public sealed record JobRequest(string Kind, string PayloadJson, string Device = JobRequest.CpuDevice, int? WorkspaceId = null, string? CreatedByUserId = null)
{
    public const string CpuDevice = "cpu";
}
