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
    public async Task ZipSlip_IsRefusedBeforeAnythingIsExtracted()
    {
        await using var admin = await SignedInScope.AdminAsync(portal);
        var zip = Zip(("labels.csv", Text(Manifest + "../../escaped.wav,s1,1,neu\n")), ("../../escaped.wav", Wav()));

        var outcome = await UploadSteps.UploadAsync(admin, zip, "slip");

        Assert.False(outcome.Accepted);
        Assert.Contains("'../../escaped.wav'", outcome.Message);
        Assert.Contains("path traversal", outcome.Message);
        await UploadSteps.AssertStoreUntouchedAsync(portal);
    }

    [Fact]
    public async Task AbsolutePathsAndLinks_AreRefused()
    {
        await using var admin = await SignedInScope.AdminAsync(portal);

        var absolute = await UploadSteps.UploadAsync(admin, Zip(("/tmp/escaped-absolute.wav", Wav())), "absolute");
        var link = await UploadSteps.UploadAsync(admin, Zip(("labels.csv", Text(Manifest)), ("wav/escaped-link.wav", null)), "link");

        Assert.False(absolute.Accepted);
        Assert.Contains("absolute path", absolute.Message);
        Assert.False(link.Accepted);
        Assert.Contains("symbolic link", link.Message);
        await UploadSteps.AssertStoreUntouchedAsync(portal);
    }

    [Fact]
    public async Task ZipBomb_IsRefusedByItsCompressionRatio()
    {
        await using var admin = await SignedInScope.AdminAsync(portal);
        var zip = Zip(("labels.csv", Text(Manifest + "big.wav,s1,1,neu\n")), ("big.wav", new byte[32 * 1024 * 1024]));
        Assert.True(zip.Length < 200 * 1024, "the test bomb should be small on the wire");

        var outcome = await UploadSteps.UploadAsync(admin, zip, "bomb");

        Assert.False(outcome.Accepted);
        Assert.Contains("'big.wav'", outcome.Message);
        Assert.Contains("zip bomb", outcome.Message);
        await UploadSteps.AssertStoreUntouchedAsync(portal);
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
    public async Task AnArchiveWhoseOnlyClipIsNotAudio_FailsNamingTheFile()
    {
        await using var admin = await SignedInScope.AdminAsync(portal);
        var zip = Zip(("labels.csv", Text(Manifest + "notes.wav,s1,1,neu\n")), ("notes.wav", Text("these are my notes, not audio")));

        var job = await UploadSteps.UploadAndImportAsync(portal, admin, zip, "not-audio");

        Assert.Equal(JobState.Failed, job.State);
        Assert.Contains("nothing was stored", job.Error);
        Assert.Contains("notes.wav", job.Error);
        await UploadSteps.AssertStoreUntouchedAsync(portal);
    }

    [Fact]
    public async Task AnArchiveWhoseOnlyClipIsATruncatedWav_FailsNamingTheFile()
    {
        await using var admin = await SignedInScope.AdminAsync(portal);
        var zip = Zip(("labels.csv", Text(Manifest + "cut.wav,s1,1,neu\n")), ("cut.wav", TruncatedWav()));

        var job = await UploadSteps.UploadAndImportAsync(portal, admin, zip, "truncated");

        Assert.Equal(JobState.Failed, job.State);
        Assert.Contains("cut.wav", job.Error);
        Assert.Contains("nothing was stored", job.Error);
        await UploadSteps.AssertStoreUntouchedAsync(portal);
    }

    [Fact]
    public async Task ACsvWithoutTheMappedColumns_FailsListingTheMissingOnes()
    {
        await using var admin = await SignedInScope.AdminAsync(portal);
        var zip = Zip(("labels.csv", Text("path,who,label\na.wav,s1,neu\n")), ("a.wav", Wav()));

        var job = await UploadSteps.UploadAndImportAsync(portal, admin, zip, "columns");

        Assert.Equal(JobState.Failed, job.State);
        Assert.Contains("lacks the column(s) 'file', 'speaker', 'session'", job.Error);
        Assert.Contains("its columns are: path, who, label", job.Error);
        await UploadSteps.AssertStoreUntouchedAsync(portal);
    }

    [Fact]
    public async Task AViewer_CannotUpload()
    {
        await using var viewer = await SignedInScope.MemberAsync(portal, "viewer@lab.test", WorkspaceRole.Viewer);

        var outcome = await UploadSteps.UploadAsync(viewer, SmallCorpus(), "by-viewer");

        Assert.False(outcome.Accepted);
        Assert.Contains("Only editors and owners", outcome.Message);
        await UploadSteps.AssertStoreUntouchedAsync(portal);
    }
}
