using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Jobs;

namespace PairwiseCL.Web.Tests.TestSupport;

public static class JobWaiting
{
    /// <summary>Polls the store until the job satisfies <paramref name="done"/>; fails the test after the timeout.</summary>
    public static Task<JobEntity> UntilAsync(PortalFactory portal, long jobId, Func<JobEntity, bool> done, double timeoutSeconds = 20) =>
        UntilAsync(portal.Get<JobStore>(), jobId, done, timeoutSeconds);

    /// <inheritdoc cref="UntilAsync(PortalFactory, long, Func{JobEntity, bool}, double)"/>
    public static async Task<JobEntity> UntilAsync(JobStore store, long jobId, Func<JobEntity, bool> done, double timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var job = await store.FindAsync(jobId);
            Assert.NotNull(job);
            if (done(job)) return job;
            Assert.True(DateTime.UtcNow < deadline, $"Job {jobId} is still {job.State} after {timeoutSeconds} s.");
            await Task.Delay(50);
        }
    }

    public static Task<JobEntity> UntilFinishedAsync(PortalFactory portal, long jobId) =>
        UntilAsync(portal, jobId, j => j.State is JobState.Succeeded or JobState.Failed or JobState.Cancelled);
}
