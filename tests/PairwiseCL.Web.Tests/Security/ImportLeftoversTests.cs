using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Core.Audio;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Datasets;
using PairwiseCL.Web.Jobs;
using PairwiseCL.Web.Tests.Datasets;
using PairwiseCL.Web.Tests.TestSupport;
using static PairwiseCL.Web.Tests.Datasets.TestArchives;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>
/// Nothing an import leaves behind stays in the data folder: a cancelled import removes its upload and
/// what it extracted, and a restart sweeps partial uploads (a browser upload cut off by kill -9) and the
/// folders of imports that never finished, while keeping every stored corpus and every queued upload.
/// </summary>
public sealed class ImportLeftoversTests
{
    [Fact]
    public async Task ACancelledImport_RemovesItsUploadAndItsExtractedFiles()
    {
        var decoder = new WaitingDecoder();
        using var portal = PortalFactory.Create(configureServices: services => services.AddSingleton<IAudioDecoder>(decoder));
        await using var admin = await SignedInScope.AdminAsync(portal);
        // The Ogg-looking clip goes to the decoder, which holds the import (after extraction) until it is cancelled.
        var zip = Zip(("labels.csv", Text(Manifest + "wav/a.wav,s1,1,neu\nwav/b.ogg,s1,1,ang\n")), ("wav/a.wav", Wav()), ("wav/b.ogg", [.. "OggS"u8, .. new byte[200]]));

        var outcome = await UploadSteps.UploadAsync(admin, zip, "cancelled");
        Assert.True(outcome.Accepted, outcome.Message);
        await decoder.Reached.Task.WaitAsync(TimeSpan.FromSeconds(120));
        var data = Path.Combine(portal.Folder, "data");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(data, "corpora"), "*", SearchOption.AllDirectories)); // extracted, mid-import
        var (done, message) = await admin.Get<JobService>().CancelAsync(outcome.JobId!.Value);
        Assert.True(done, message);
        var job = await JobWaiting.UntilAsync(portal, outcome.JobId.Value, j => j.State is not (JobState.Queued or JobState.Running), 120);

        Assert.Equal(JobState.Cancelled, job.State);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(data, "uploads")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(data, "corpora")));
        Assert.Empty(await portal.Get<CorpusRepository>().ListAsync());
    }

    [Fact]
    public async Task ARestart_SweepsPartialUploadsAndUnfinishedImportFolders_ButKeepsStoredCorpora()
    {
        var folder = PortalFactory.NewFolder();
        var data = Path.Combine(folder, "data");
        try
        {
            using (var first = PortalFactory.Create(folder))
            {
                await using var admin = await SignedInScope.AdminAsync(first);
                var job = await UploadSteps.UploadAndImportAsync(first, admin, SmallCorpus(), "kept");
                Assert.True(job.State == JobState.Succeeded, job.Error);
            }
            SqliteConnection.ClearAllPools();
            var kept = Assert.Single(Directory.GetDirectories(Path.Combine(data, "corpora")));
            // What kill -9 leaves: a browser upload cut off half-way, a loose temporary file, and an extraction
            // whose job (never stored, or since cancelled) will not come back for it.
            var partial = Path.Combine(data, "uploads", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(partial);
            File.WriteAllBytes(Path.Combine(partial, DatasetService.ArchiveFileName), new byte[145 * 1024]);
            File.WriteAllBytes(Path.Combine(data, "uploads", "stray.tmp"), [1, 2, 3]);
            var orphan = Path.Combine(data, "corpora", "orphan-job999");
            Directory.CreateDirectory(Path.Combine(orphan, "wav"));
            File.WriteAllBytes(Path.Combine(orphan, "wav", "x.wav"), Wav());

            using (var second = PortalFactory.Create(folder))
            {
                await using var admin = await SignedInScope.AdminAsync(second);

                Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(data, "uploads")));
                Assert.Equal([kept], Directory.GetDirectories(Path.Combine(data, "corpora")));
                var corpus = await second.Get<CorpusRepository>().LoadAsync((await second.Get<CorpusRepository>().FindIdByNameAsync("kept"))!.Value);
                Assert.All(corpus!.Utterances, u => Assert.True(File.Exists(corpus.ResolveAudioPath(u)), u.AudioPath));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ARestart_KeepsTheUploadOfAQueuedImport()
    {
        var folder = PortalFactory.NewFolder();
        // No worker serves "cpu" here, so the import stays queued across the restart.
        void NoCpuWorker(IServiceCollection services) => services.Configure<JobOptions>(o => o.Devices = ["cuda:9"]);
        try
        {
            long jobId;
            using (var first = PortalFactory.Create(folder, NoCpuWorker))
            {
                await using var admin = await SignedInScope.AdminAsync(first);
                var outcome = await UploadSteps.UploadAsync(admin, SmallCorpus(), "queued");
                Assert.True(outcome.Accepted, outcome.Message);
                jobId = outcome.JobId!.Value;
            }
            SqliteConnection.ClearAllPools();

            using var second = PortalFactory.Create(folder, NoCpuWorker);
            await using var again = await SignedInScope.AdminAsync(second);

            Assert.Equal(JobState.Queued, (await second.Get<JobStore>().FindAsync(jobId))!.State);
            var upload = Assert.Single(Directory.GetDirectories(Path.Combine(folder, "data", "uploads")));
            Assert.True(File.Exists(Path.Combine(upload, DatasetService.ArchiveFileName)));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AnImportCancelledWhileQueued_RemovesItsUploadAtOnce()
    {
        using var portal = PortalFactory.Create(configureServices: services => services.Configure<JobOptions>(o => o.Devices = ["cuda:9"]));
        await using var admin = await SignedInScope.AdminAsync(portal);
        var outcome = await UploadSteps.UploadAsync(admin, SmallCorpus(), "never run");
        Assert.True(outcome.Accepted, outcome.Message);
        var uploads = Path.Combine(portal.Folder, "data", "uploads");
        Assert.Single(Directory.GetDirectories(uploads));

        var (done, message) = await admin.Get<JobService>().CancelAsync(outcome.JobId!.Value);

        Assert.True(done, message);
        Assert.Equal(JobState.Cancelled, (await portal.Get<JobStore>().FindAsync(outcome.JobId.Value))!.State);
        Assert.Empty(Directory.GetFileSystemEntries(uploads));
    }

    /// <summary>Signals when the import reaches it, then holds until the job is cancelled.</summary>
    private sealed class WaitingDecoder : IAudioDecoder
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public AudioClip Decode(string path, CancellationToken ct = default)
        {
            Reached.TrySetResult();
            ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(120));
            throw new AudioFormatException(path, "was not decoded: the import was cancelled");
        }
    }
}
