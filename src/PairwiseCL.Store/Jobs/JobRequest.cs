namespace PairwiseCL.Store.Jobs;

/// <summary>What to run: the handler's kind, its input as JSON, the device it needs, and the job it is a part of (if any).</summary>
public sealed record JobRequest(string Kind, string PayloadJson, string Device = JobRequest.CpuDevice, int? WorkspaceId = null, string? CreatedByUserId = null, long? ParentJobId = null)
{
    public const string CpuDevice = "cpu";
}
