using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Datasets;
using PairwiseCL.Web.Tests.TestSupport;
using static PairwiseCL.Web.Tests.Datasets.TestArchives;

namespace PairwiseCL.Web.Tests.Datasets;

/// <summary>
/// Hostile or broken uploads are refused with a message that says what is wrong, and leave the store
/// as it was: no corpus, no file under the data folder, nothing written outside it.
/// </summary>
public sealed class HostileUploadTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public Task ZipSlip_IsRefusedBeforeAnythingIsExtracted() => AssertRefusedAsync(
        Zip(("labels.csv", Text(Manifest + "../../escaped.wav,s1,1,neu\n")), ("../../escaped.wav", Wav())),
        "'../../escaped.wav'", "path traversal");

    [Fact]
    public Task AnAbsolutePath_IsRefused() =>
        AssertRefusedAsync(Zip(("/tmp/escaped-absolute.wav", Wav())), "'/tmp/escaped-absolute.wav'", "absolute path");

    [Fact]
    public Task ASymbolicLink_IsRefused() =>
        AssertRefusedAsync(Zip(("labels.csv", Text(Manifest)), ("wav/escaped-link.wav", null)), "'wav/escaped-link.wav'", "symbolic link");

    [Fact]
    public async Task ZipBomb_IsRefusedByItsCompressionRatio()
    {
        var zip = Zip(("labels.csv", Text(Manifest + "big.wav,s1,1,neu\n")), ("big.wav", new byte[32 * 1024 * 1024]));
        Assert.True(zip.Length < 200 * 1024, "the test bomb should be small on the wire");

        await AssertRefusedAsync(zip, "'big.wav'", "zip bomb");
    }

    [Fact]
    public async Task AnUploadLargerThanTheConfiguredLimit_IsRefused()
    {
        await using var admin = await SignedInScope.AdminAsync(portal);
        var service = admin.Get<DatasetService>();
        var limit = service.Limits.MaxUploadBytes;
        using var content = new MemoryStream(SmallCorpus());

        var outcome = await service.UploadArchiveAsync(content, "huge.zip", limit + 1, "huge", new CsvColumnMapping());

        Assert.False(outcome.Accepted);
        Assert.Contains("uploads may be at most", outcome.Message);
        await UploadSteps.AssertStoreUntouchedAsync(portal);
    }

    [Fact]
    public Task AnArchiveWhoseOnlyClipIsNotAudio_FailsNamingTheFile() => AssertImportFailsAsync(
        Zip(("labels.csv", Text(Manifest + "notes.wav,s1,1,neu\n")), ("notes.wav", Text("these are my notes, not audio"))),
        "nothing was stored", "notes.wav");

    [Fact]
    public Task AnArchiveWhoseOnlyClipIsATruncatedWav_FailsNamingTheFile() => AssertImportFailsAsync(
        Zip(("labels.csv", Text(Manifest + "cut.wav,s1,1,neu\n")), ("cut.wav", TruncatedWav())),
        "cut.wav", "nothing was stored");

    [Fact]
    public Task ACsvWithoutTheMappedColumns_FailsListingTheMissingOnes() => AssertImportFailsAsync(
        Zip(("labels.csv", Text("path,who,label\na.wav,s1,neu\n")), ("a.wav", Wav())),
        "lacks the column(s) 'file', 'speaker', 'session'", "its columns are: path, who, label");

    [Fact]
    public async Task AViewer_CannotUpload()
    {
        await using var viewer = await SignedInScope.MemberAsync(portal, "viewer@lab.test", WorkspaceRole.Viewer);

        var outcome = await UploadSteps.UploadAsync(viewer, SmallCorpus(), "by-viewer");

        Assert.False(outcome.Accepted);
        Assert.Contains("Only editors and owners", outcome.Message);
        await UploadSteps.AssertStoreUntouchedAsync(portal);
    }

    /// <summary>The upload is refused at once, with every fragment in its message, and nothing is kept.</summary>
    private async Task AssertRefusedAsync(byte[] zip, params string[] messageFragments)
    {
        await using var admin = await SignedInScope.AdminAsync(portal);

        var outcome = await UploadSteps.UploadAsync(admin, zip, "hostile");

        Assert.False(outcome.Accepted);
        Assert.All(messageFragments, fragment => Assert.Contains(fragment, outcome.Message));
        await UploadSteps.AssertStoreUntouchedAsync(portal);
    }

    /// <summary>The upload passes the archive checks, but its import job fails with every fragment in its error and stores nothing.</summary>
    private async Task AssertImportFailsAsync(byte[] zip, params string[] errorFragments)
    {
        await using var admin = await SignedInScope.AdminAsync(portal);

        var job = await UploadSteps.UploadAndImportAsync(portal, admin, zip, "broken");

        Assert.Equal(JobState.Failed, job.State);
        Assert.All(errorFragments, fragment => Assert.Contains(fragment, job.Error));
        await UploadSteps.AssertStoreUntouchedAsync(portal);
    }
}
