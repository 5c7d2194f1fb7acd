using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Datasets;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Datasets;

/// <summary>Uploading through the page service, following the import job, and checking what the store holds.</summary>
public static class UploadSteps
{
    public static async Task<DatasetOutcome> UploadAsync(SignedInScope user, byte[] zip, string corpusName, CsvColumnMapping? columns = null)
    {
        using var content = new MemoryStream(zip);
        return await user.Get<DatasetService>().UploadArchiveAsync(content, "corpus.zip", zip.Length, corpusName, columns ?? new CsvColumnMapping());
    }

    /// <summary>Uploads an archive the guard accepts and waits for its import job to finish.</summary>
    public static async Task<JobEntity> UploadAndImportAsync(PortalFactory portal, SignedInScope user, byte[] zip, string corpusName, CsvColumnMapping? columns = null)
    {
        var outcome = await UploadAsync(user, zip, corpusName, columns);
        Assert.True(outcome.Accepted, outcome.Message);
        return await JobWaiting.UntilFinishedAsync(portal, outcome.JobId!.Value);
    }

    /// <summary>
    /// No corpus was stored and no file was left anywhere under the data folder (uploads included),
    /// apart from the portal's own data-protection keys and the data folder's identity file.
    /// </summary>
    public static async Task AssertStoreUntouchedAsync(PortalFactory portal)
    {
        Assert.Empty(await portal.Get<CorpusRepository>().ListAsync());
        var data = Path.Combine(portal.Folder, "data");
        var keys = Path.Combine(data, "keys") + Path.DirectorySeparatorChar;
        var files = Directory.Exists(data) ? Directory.GetFiles(data, "*", SearchOption.AllDirectories) : [];
        var identity = Path.Combine(data, PairwiseCL.Store.DataFolderIdentity.FileName);
        Assert.All(files.Where(f => f != identity), f => Assert.StartsWith(keys, f));
        var allFiles = Directory.GetFiles(Path.GetDirectoryName(portal.Folder)!, "*", SearchOption.AllDirectories);
        Assert.DoesNotContain(allFiles, f => Path.GetFileName(f).StartsWith("escaped", StringComparison.Ordinal));
    }
}
