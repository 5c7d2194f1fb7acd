using PairwiseCL.Store.Jobs;

namespace PairwiseCL.Web.Experiments;

/// <summary>
/// The representation analysis (t-SNE maps and PWCCA, the paper's Figures 5/6 and Table 3) asked for after
/// an experiment ran without it: the protocol again with analysis on, reusing every stored run and
/// pre-training, then the report rewritten with the maps and the PWCCA table.
/// </summary>
public sealed class ExperimentAnalysisJobHandler(ExperimentExecution execution) : IJobHandler
{
    public const string JobKind = "analyse-experiment";

    public string Kind => JobKind;

    public static string PayloadJson(int experimentId) => ExperimentJobHandler.PayloadJson(experimentId);

    public static JobRequest Request(int experimentId, int workspaceId, string? userId) =>
        new(JobKind, PayloadJson(experimentId), JobRequest.CpuDevice, workspaceId, userId);

    public Task RunAsync(JobContext context, CancellationToken cancellationToken) =>
        execution.RunAsync(context, context.ReadPayload<ExperimentJobHandler.Payload>().ExperimentId, withAnalysis: true, cancellationToken);
}
