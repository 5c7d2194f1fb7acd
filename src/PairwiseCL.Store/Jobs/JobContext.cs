using System.Text.Json;

namespace PairwiseCL.Store.Jobs;

/// <summary>What a handler gets: its job's id and input, and ways to report progress and log lines durably.</summary>
public sealed class JobContext(long jobId, string payloadJson, int attempt, JobStore store, string device = JobRequest.CpuDevice)
{
    public long JobId { get; } = jobId;

    public string PayloadJson { get; } = payloadJson;

    /// <summary>1 on the first run; higher when the job was retried or re-queued after a restart.</summary>
    public int Attempt { get; } = attempt;

    /// <summary>The device this host runs the job on ("cpu", "cuda:1"; "control" for a job that only coordinates others).</summary>
    public string Device { get; } = device;

    public T ReadPayload<T>() =>
        JsonSerializer.Deserialize<T>(PayloadJson) ?? throw new InvalidOperationException($"Job {JobId} has an empty payload.");

    /// <summary>Replaces the job's progress record (serialised as JSON) so pages can show it.</summary>
    public Task ReportProgressAsync<T>(T progress, CancellationToken cancellationToken = default) =>
        store.SetProgressAsync(JobId, JsonSerializer.Serialize(progress), cancellationToken);

    public Task LogAsync(string line, CancellationToken cancellationToken = default) =>
        store.AppendLogAsync(JobId, line, cancellationToken);
}
