using MudBlazor;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Jobs;

namespace PairwiseCL.Web.Jobs;

/// <summary>How the jobs page shows a state.</summary>
public static class JobStates
{
    public static Color Color(JobState state) => state switch
    {
        JobState.Queued => MudBlazor.Color.Default,
        JobState.Running => MudBlazor.Color.Info,
        JobState.Succeeded => MudBlazor.Color.Success,
        JobState.Failed => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Warning,
    };

    public static string Describe(JobSummary job) =>
        job.State == JobState.Running && job.CancelRequested ? "cancelling" : job.State.ToString().ToLowerInvariant();
}
