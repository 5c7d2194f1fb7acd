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

    public static bool IsActive(JobEntity? job) => job?.State is JobState.Queued or JobState.Running;

    /// <summary>
    /// For a panel that launched a job: reads it from the store every two seconds while it is queued or running,
    /// handing each read to <paramref name="read"/>, until it ends or the page closes.
    /// </summary>
    public static async Task WatchAsync(JobStore jobs, JobEntity? job, Func<JobEntity?, Task> read, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (IsActive(job) && await timer.WaitForNextTickAsync(cancellationToken))
            {
                job = await jobs.FindAsync(job!.Id, cancellationToken);
                await read(job);
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }
}
