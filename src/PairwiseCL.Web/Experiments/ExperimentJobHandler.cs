using System.Text.Json;
using PairwiseCL.Store.Jobs;

namespace PairwiseCL.Web.Experiments;

/// <summary>The job a launch queues: runs the experiment's protocol, or its active-learning simulation, as configured.</summary>
public sealed class ExperimentJobHandler(ExperimentExecution execution) : IJobHandler
{
    public const string JobKind = "run-experiment";

    public string Kind => JobKind;

    public static string PayloadJson(int experimentId) => JsonSerializer.Serialize(new Payload(experimentId));

    public static JobRequest Request(int experimentId, int workspaceId, string? userId) =>
        new(JobKind, PayloadJson(experimentId), JobRequest.CpuDevice, workspaceId, userId);

    public Task RunAsync(JobContext context, CancellationToken cancellationToken) =>
        execution.RunAsync(context, context.ReadPayload<Payload>().ExperimentId, withAnalysis: false, cancellationToken);

    /// <summary>The job's input.</summary>
    public sealed record Payload(int ExperimentId);
}
