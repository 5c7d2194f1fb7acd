using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Accounts;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>
/// A full disk: a job fails and even its failure cannot be written. It must not stay "Running" forever nor
/// be re-run as if its worker had crashed: the sweep records it as failed with "disk full" once it can.
/// Failed sign-ins are counted even while nothing can be written.
/// </summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly FailingWrites jobWrites = new("Jobs");
    private readonly PortalFactory portal;

    public FullDiskTests() => portal = PortalFactory.Create(configureServices: services =>
    {
        FailingWrites.Register(jobWrites)(services);
        services.AddSingleton(jobWrites);
        services.AddSingleton<DiskFullProbe>();
        services.AddJobHandler<DiskFullJob>();
        services.PostConfigure<JobOptions>(o => o.StaleAfterSeconds = 3);
    });

    [Fact]
    public async Task AJobWhoseFailureCouldNotBeWritten_IsFailedWithDiskFull_OnceTheStoreCanBeWrittenAgain()
    {
        _ = portal.Server;
        var probe = portal.Get<DiskFullProbe>();

        var id = await portal.Get<IJobDispatcher>().EnqueueAsync(new JobRequest(DiskFullJob.JobKind, "{}"));
        await probe.Thrown.Task.WaitAsync(TimeSpan.FromSeconds(120));
        // Several sweeps (one a second) try to write while the disk is full.
        var refusedAtThrow = jobWrites.Refused;
        await WaitUntilAsync(() => jobWrites.Refused >= refusedAtThrow + 5);
        var whileFull = await portal.Get<JobStore>().FindAsync(id);
        jobWrites.Failing = false;
        var job = await JobWaiting.UntilFinishedAsync(portal, id);

        Assert.Equal(JobState.Running, whileFull!.State);
        Assert.Equal(JobState.Failed, job.State);
        Assert.StartsWith("disk full", job.Error);
        Assert.Contains("No space left on device", job.Error);
        Assert.Equal(1, job.Attempts);
        Assert.Equal(1, probe.Runs);
    }

    [Fact]
    public async Task FailedSignIns_AreCounted_WhileNothingCanBeWritten()
    {
        var everyWrite = new FailingWrites();
        using var full = PortalFactory.Create(configureServices: FailingWrites.Register(everyWrite));
        _ = full.Server;
        everyWrite.Failing = true;
        var browser = full.CreateBrowser();

        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
            Assert.Contains(PasswordSignIn.RefusedMessage, await (await Browser.SignInAsync(browser, PortalFactory.AdminEmail, $"guess-{i}")).Content.ReadAsStringAsync());
        var locked = await Browser.SignInAsync(browser, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        Assert.Contains(PasswordSignIn.ThrottledMessage, await locked.Content.ReadAsStringAsync());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 120 s.");
            await Task.Delay(100);
        }
    }

    public void Dispose() => portal.Dispose();

    private sealed class DiskFullProbe
    {
        private int runs;

        public int Runs => Volatile.Read(ref runs);

        public TaskCompletionSource Thrown { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Run() => Interlocked.Increment(ref runs);
    }

    /// <summary>Its first run fills the disk: from then on the job's rows cannot be written, and it fails.</summary>
    private sealed class DiskFullJob(DiskFullProbe probe, FailingWrites writes) : IJobHandler
    {
        public const string JobKind = "test-disk-full";

        public string Kind => JobKind;

        public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (probe.Run() > 1) return;
            writes.Failing = true;
            probe.Thrown.SetResult();
            throw new IOException("No space left on device : '/data/features/x.bin'");
        }
    }
}
