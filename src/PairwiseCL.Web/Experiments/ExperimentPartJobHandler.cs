using System.Text.Json;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Store.Jobs;

namespace PairwiseCL.Web.Experiments;

/// <summary>
/// One part of an experiment fanned out over worker hosts (<see cref="ExperimentFanOut"/>): a pre-training, a chunk of
/// fine-tuning runs, or (no part) the final report once every run is stored.
/// </summary>
public sealed class ExperimentPartJobHandler(ExperimentExecution execution) : IJobHandler
{
    public const string JobKind = "run-experiment-part";

    public string Kind => JobKind;

    public static string PayloadJson(int experimentId, long experimentJobId, ProtocolPart? part) =>
        JsonSerializer.Serialize(new Payload(experimentId, experimentJobId, part));

    public Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.ReadPayload<Payload>();
        return execution.RunPartAsync(context, payload.ExperimentId, payload.Part, payload.ExperimentJobId, cancellationToken);
    }

    /// <summary>The job's input; <see cref="Part"/> null is the final report.</summary>
    public sealed record Payload(int ExperimentId, long ExperimentJobId, ProtocolPart? Part);
}
