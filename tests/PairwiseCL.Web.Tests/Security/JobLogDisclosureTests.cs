using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>A failing job's log, which editors read, names the reason but holds no stack trace or source path.</summary>
public sealed class JobLogDisclosureTests : IDisposable
{
    private readonly PortalFactory portal = PortalFactory.Create(null, services => services.AddJobHandler<ThrowingJob>());

    [Fact]
    public async Task AFailedJobsLog_HoldsTheReason_WithoutAStackTrace()
    {
        _ = portal.Server;

        var id = await portal.Get<IJobDispatcher>().EnqueueAsync(new JobRequest(ThrowingJob.JobKind, "{}"));
        var job = await JobWaiting.UntilFinishedAsync(portal, id);

        Assert.Equal(JobState.Failed, job.State);
        Assert.Contains("failed: " + ThrowingJob.Reason, job.Log);
        Assert.DoesNotContain(" at ", job.Log);
        Assert.DoesNotContain(".cs:line", job.Log);
        Assert.DoesNotContain(nameof(ThrowingJob.RunAsync), job.Log);
    }

    public void Dispose() => portal.Dispose();

    private sealed class ThrowingJob : IJobHandler
    {
        public const string JobKind = "test-throwing";
        public const string Reason = "the input was not usable";

        public string Kind => JobKind;

        public Task RunAsync(JobContext context, CancellationToken cancellationToken) => Throw();

        private static async Task Throw()
        {
            await Task.Yield();
            throw new InvalidOperationException(Reason);
        }
    }
}
