using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Datasets;
using PairwiseCL.Web.Tests.Datasets;
using PairwiseCL.Web.Tests.TestSupport;
using static PairwiseCL.Web.Tests.Datasets.TestArchives;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>
/// An archive is held to the compression-ratio limit as a whole, not only entry by entry, and an import
/// keeps in the corpus folder only the clips it stored and its labels CSV.
/// </summary>
public sealed class ArchiveBombTests
{
    /// <summary>Entries just under the per-entry floor (1 MiB) each pass alone; together they are a bomb.</summary>
    public static byte[] ManySmallBombs(int entries = 24) => Zip(
        Enumerable.Range(0, entries)
            .Select(i => ($"pad/{i:D4}.wav", (byte[]?)new byte[(int)new DatasetOptions().CompressionRatioFloorBytes - 1]))
            .Prepend(("labels.csv", Text(Manifest + "pad/0000.wav,s1,1,neu\n")))
            .ToArray());

    [Fact]
    public void ManyEntriesUnderThePerEntryFloor_AreRefusedByTheArchiveWideRatio()
    {
        var zip = ManySmallBombs();
        Assert.True(zip.Length < 200 * 1024, "the test bomb should be small on the wire");
        var path = Path.Combine(Path.GetTempPath(), $"pcl-bomb-{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(path, zip);
        try
        {
            var check = ZipArchiveGuard.Inspect(path, new DatasetOptions());

            Assert.False(check.IsSafe);
            Assert.Contains("as a whole expands", check.Message);
            Assert.Contains("zip bomb", check.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ManySmallBombs_UploadedThroughThePortal_LeaveNothingBehind()
    {
        using var portal = PortalFactory.Create();
        await using var admin = await SignedInScope.AdminAsync(portal);

        var outcome = await UploadSteps.UploadAsync(admin, ManySmallBombs(), "bomb");

        Assert.False(outcome.Accepted);
        Assert.Contains("zip bomb", outcome.Message);
        await UploadSteps.AssertStoreUntouchedAsync(portal);
    }

    [Fact]
    public async Task FilesTheCsvNeverNames_DoNotStayInTheCorpusFolder()
    {
        using var portal = PortalFactory.Create();
        await using var admin = await SignedInScope.AdminAsync(portal);
        var zip = Zip(
            ("labels.csv", Text(Manifest + "wav/a.wav,s1,1,neu\nwav/notes.wav,s1,1,ang\n")),
            ("wav/a.wav", Wav()),
            ("wav/notes.wav", Text("RIFF but these are notes, not audio")),
            ("wav/unlisted.wav", Wav(0.2, 330)),
            ("payload/tool.bin", new byte[64 * 1024]),
            ("readme.txt", Text("hello")));

        var outcome = await UploadSteps.UploadAsync(admin, zip, "tidy");
        Assert.True(outcome.Accepted, outcome.Message);
        var job = await JobWaiting.UntilAsync(portal, outcome.JobId!.Value, j => j.State is JobState.Succeeded or JobState.Failed, 120);

        Assert.True(job.State == JobState.Succeeded, job.Error);
        var corpora = Path.Combine(portal.Folder, "data", "corpora");
        var folder = Assert.Single(Directory.GetDirectories(corpora));
        Assert.Equal(["labels.csv", "wav/a.wav"],
            Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal));
        Assert.Equal(["wav"], Directory.GetDirectories(folder).Select(Path.GetFileName));
        Assert.Contains("removed 4 extracted file(s)", job.Log);
    }
}
