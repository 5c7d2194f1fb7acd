using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Experiments;

namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>Browser tests' way to start an experiment: the launch API from the signed-in page, then wait for its job.</summary>
internal static class ExperimentLaunching
{
    /// <returns>The experiment's id, once its job has succeeded.</returns>
    public static async Task<int> LaunchAndWaitAsync(IPage page, IServiceProvider services, ExperimentDraft draft, float timeoutSeconds)
    {
        var response = await page.APIRequest.PostAsync("api/experiments", new()
        {
            Data = JsonSerializer.Serialize(draft),
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        });
        Assert.True(response.Status == 201, $"launch answered {response.Status} {response.StatusText}: {await response.TextAsync()}");
        var launched = JsonDocument.Parse(await response.TextAsync()).RootElement;
        var job = await JobWaiting.UntilAsync(services.GetRequiredService<JobStore>(), launched.GetProperty("jobId").GetInt64(),
            j => j.State is not (JobState.Queued or JobState.Running), timeoutSeconds: timeoutSeconds);
        Assert.True(job.State == JobState.Succeeded, $"{job.State}: {job.Error}\n{job.Log}");
        return launched.GetProperty("experimentId").GetInt32();
    }
}
