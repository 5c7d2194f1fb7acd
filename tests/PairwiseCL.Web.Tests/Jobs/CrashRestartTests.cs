using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Core.Corpora.Synthetic;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Jobs;

/// <summary>
/// Kills the real portal process in the middle of an experiment and starts it again on the same store:
/// the job must be taken up again once, finish, and keep the runs finished before the kill.
/// </summary>
public sealed class CrashRestartTests : IDisposable
{
    private const int Repeats = 6;
    private const int Folds = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly string folder = PortalFactory.NewFolder();

    // Reads and seeds the same store in this process; it serves no device the jobs need and never re-queues.
    private readonly PortalFactory observer;

    public CrashRestartTests()
    {
        observer = PortalFactory.Create(folder, services => services.Configure<JobOptions>(o =>
        {
            o.Devices.Clear();
            o.Devices.Add("observer");
            o.StaleAfterSeconds = TimeSpan.FromDays(1).TotalSeconds;
        }));
    }

    [Fact]
    public async Task KilledMidExperiment_JobResumesOnceAfterRestart_AndReusesTheRunsFinishedBeforeTheKill()
    {
        var corpusId = await SeedCorpusAsync();
        long jobId;
        Dictionary<string, (byte[] Content, DateTime Written)> beforeKill;
        using (var first = await PortalProcess.StartAsync(folder, staleAfterSeconds: 3, StartTimeout))
        {
            jobId = await LaunchAsync(first, corpusId);
            await UntilAsync(() => StoredRuns().Count >= 2, "two runs stored before the kill", first);
            first.Kill();
            beforeKill = StoredRuns().ToDictionary(path => path, path => (File.ReadAllBytes(path), File.GetLastWriteTimeUtc(path)));
        }
        var killed = await observer.Get<JobStore>().FindAsync(jobId);
        Assert.Equal((JobState.Running, 1), (killed!.State, killed.Attempts));
        Assert.InRange(beforeKill.Count, 2, Folds * Repeats - 1);

        using (var second = await PortalProcess.StartAsync(folder, staleAfterSeconds: 3, StartTimeout))
        {
            var job = await JobWaiting.UntilAsync(observer, jobId, j => j.State is not (JobState.Queued or JobState.Running), timeoutSeconds: 240);
            Assert.True(job.State == JobState.Succeeded, $"The job ended {job.State}: {job.Error}\n{job.Log}\n{second.Output}");
            Assert.Equal(2, job.Attempts);
            Assert.Single(Occurrences(job.Log, "re-queued: its worker stopped reporting"));
            Assert.Single(Occurrences(job.Log, "(attempt 2)"));
        }

        var afterRestart = StoredRuns();
        Assert.Equal(Folds * Repeats, afterRestart.Count);
        foreach (var (path, (content, written)) in beforeKill)
        {
            Assert.Equal(written, File.GetLastWriteTimeUtc(path));
            Assert.Equal(content, File.ReadAllBytes(path));
        }
        await using var db = await observer.CreateDbContextAsync();
        Assert.Equal(Folds * Repeats, await db.Runs.CountAsync(r => r.JobId == jobId && r.State == JobState.Succeeded));
        Assert.False(await db.Jobs.AnyAsync(j => j.State == JobState.Running));
    }

    private async Task<int> SeedCorpusAsync()
    {
        _ = observer.Server;
        var corpus = new SyntheticCorpusGenerator().Generate(Path.Combine(folder, "synthetic"),
            new SyntheticCorpusOptions(Sessions: Folds, SpeakersPerSession: 1, ClipsPerSpeakerAndEmotion: 2, MinSeconds: 0.5, MaxSeconds: 0.6));
        return await observer.Get<CorpusRepository>().SaveAsync(corpus);
    }

    private static Task<long> LaunchAsync(PortalProcess portal, int corpusId) => portal.LaunchExperimentAsync(new ExperimentDraft
    {
        Name = "killed mid-run",
        CorpusId = corpusId,
        LabelSetName = "synthetic",
        Views = ["mel"],
        Methods = [MethodNames.Supervised],
        FractionsPercent = [100],
        Repeats = Repeats,
        Temperatures = [0.5],
        OutOfDistribution = false,
        // Analysis keeps one model in memory and so always recomputes its run; without it every run resumes.
        Analysis = false,
        FineTuneEpochs = 3,
        FineTunePatience = 3,
        BatchSize = 8,
    });

    /// <summary>The protocol's finished runs in its work folder (one JSON file per run).</summary>
    private List<string> StoredRuns()
    {
        var work = Path.Combine(folder, "data", "work");
        return Directory.Exists(work)
            ? Directory.EnumerateFiles(work, "*", SearchOption.AllDirectories)
                .Where(p => p.EndsWith(".json", StringComparison.Ordinal) && Path.GetFileName(Path.GetDirectoryName(p)) == "runs").Order().ToList()
            : [];
    }

    private static async Task UntilAsync(Func<bool> condition, string what, PortalProcess portal)
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"No {what} within 180 s:\n{portal.Output}");
            await Task.Delay(20);
        }
    }

    private static IEnumerable<int> Occurrences(string text, string part)
    {
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
            yield return i;
    }

    public void Dispose()
    {
        observer.Dispose();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
