using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Datasets;
using PairwiseCL.Web.Tests.Datasets;
using PairwiseCL.Web.Tests.TestSupport;
using static PairwiseCL.Web.Tests.Datasets.TestArchives;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>
/// A labels CSV may name only files of its own archive (zip route) or of the configured import roots
/// (server route): an absolute path, "../" or the store itself is refused per row, unopened, and the
/// import log says the same for a file that exists and one that does not.
/// </summary>
public sealed class ManifestEscapeTests
{
    [Fact]
    public async Task AnArchiveManifestNamingFilesOutsideTheArchive_ImportsOnlyItsOwnClips()
    {
        var folder = PortalFactory.NewFolder();
        var outside = Path.Combine(folder, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllBytes(Path.Combine(outside, "copied.wav"), Wav());
        try
        {
            using var portal = PortalFactory.Create(folder);
            await using var admin = await SignedInScope.AdminAsync(portal);
            var rows = string.Join('\n',
                "wav/a.wav,s1,1,neu",
                $"{Path.Combine(outside, "copied.wav")},s1,1,neu",
                $"{Path.Combine(outside, "missing.wav")},s1,1,neu",
                "../../../outside/copied.wav,s1,1,ang",
                $"{portal.DatabasePath},s1,1,ang",
                "/etc/passwd,s1,1,ang") + "\n";

            var job = await UploadSteps.UploadAndImportAsync(portal, admin, Zip(("labels.csv", Text(Manifest + rows)), ("wav/a.wav", Wav())), "escaping");

            Assert.True(job.State == JobState.Succeeded, job.Error);
            var corpus = (await portal.Get<CorpusRepository>().LoadAsync((await portal.Get<CorpusRepository>().FindIdByNameAsync("escaping"))!.Value))!;
            Assert.Equal(["a"], corpus.Utterances.Select(u => u.Id));
            var refused = job.Log.Split('\n').Where(l => l.Contains("outside the folders this import may read", StringComparison.Ordinal)).ToList();
            Assert.Equal(5, refused.Count);
            Assert.DoesNotContain("does not exist", job.Log);
            Assert.DoesNotContain("cannot be decoded", job.Log);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AServerManifestNamingFilesOutsideTheImportRoots_ImportsOnlyFilesInside()
    {
        var folder = PortalFactory.NewFolder();
        var allowed = Path.Combine(folder, "allowed");
        var elsewhere = Path.Combine(folder, "elsewhere");
        Directory.CreateDirectory(allowed);
        Directory.CreateDirectory(elsewhere);
        File.WriteAllBytes(Path.Combine(allowed, "a.wav"), Wav());
        File.WriteAllBytes(Path.Combine(elsewhere, "b.wav"), Wav());
        var manifest = Path.Combine(allowed, "labels.csv");
        File.WriteAllText(manifest, Manifest + $"a.wav,s1,1,neu\n../elsewhere/b.wav,s1,1,ang\n{Path.Combine(elsewhere, "b.wav")},s1,1,ang\n");
        try
        {
            using var portal = PortalFactory.Create(folder, services =>
                services.AddSingleton(Options.Create(new DatasetOptions { ServerImportRoots = [allowed] })));
            await using var admin = await SignedInScope.AdminAsync(portal);

            var outcome = await admin.Get<DatasetService>().ImportFromServerAsync(CorpusSourceKind.Manifest, manifest, "server");
            Assert.True(outcome.Accepted, outcome.Message);
            var job = await JobWaiting.UntilFinishedAsync(portal, outcome.JobId!.Value);

            Assert.True(job.State == JobState.Succeeded, job.Error);
            var corpus = (await portal.Get<CorpusRepository>().LoadAsync((await portal.Get<CorpusRepository>().FindIdByNameAsync("server"))!.Value))!;
            Assert.Equal(["a"], corpus.Utterances.Select(u => u.Id));
            Assert.Equal(2, job.Log.Split('\n').Count(l => l.Contains("outside the folders this import may read", StringComparison.Ordinal)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
