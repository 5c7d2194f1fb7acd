using System.Net;
using Microsoft.EntityFrameworkCore;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Datasets;
using PairwiseCL.Web.Tests.Datasets;
using PairwiseCL.Web.Tests.TestSupport;
using static PairwiseCL.Web.Tests.Datasets.TestArchives;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>
/// The "must hold": the hostile inputs of the Security and upload tests, sent one after another to
/// one portal that already holds a corpus, leave the store consistent (PRAGMA integrity_check = ok), every
/// row count unchanged (refused inputs add only their failed jobs), nothing written outside the data folder
/// or left inside it, and the portal up and serving the corpus it had.
/// </summary>
public sealed class HostileCorpusMustHoldTests
{
    /// <summary>Uploads the archive guard must refuse before extracting anything.</summary>
    public static IEnumerable<(string What, byte[] Zip)> RefusedUploads() =>
    [
        ("zip slip", Zip(("labels.csv", Text(Manifest + "../../escaped.wav,s1,1,neu\n")), ("../../escaped.wav", Wav()))),
        ("absolute path", Zip(("/tmp/escaped-absolute.wav", Wav()))),
        ("symbolic link", Zip(("labels.csv", Text(Manifest)), ("wav/escaped-link.wav", null))),
        ("one-entry bomb", Zip(("labels.csv", Text(Manifest + "big.wav,s1,1,neu\n")), ("big.wav", new byte[32 * 1024 * 1024]))),
        ("many small bombs", ArchiveBombTests.ManySmallBombs()),
        ("not a zip", Text("not a zip at all")),
    ];

    /// <summary>Uploads the guard accepts but whose import must store nothing.</summary>
    public static IEnumerable<(string What, byte[] Zip)> FailingImports(string databasePath) =>
    [
        ("text named .wav", Zip(("labels.csv", Text(Manifest + "notes.wav,s1,1,neu\n")), ("notes.wav", Text("these are my notes, not audio")))),
        ("truncated WAV", Zip(("labels.csv", Text(Manifest + "cut.wav,s1,1,neu\n")), ("cut.wav", TruncatedWav()))),
        ("4-byte stubs", Zip([("labels.csv", Text(Manifest + string.Concat(Enumerable.Range(0, 200).Select(i => $"s{i}.wav,s1,1,neu\n")))),
            .. Enumerable.Range(0, 200).Select(i => ($"s{i}.wav", (byte[]?)[1, 2, 3, (byte)i]))])),
        ("manifest escaping the archive", Zip(("labels.csv", Text(Manifest + $"{databasePath},s1,1,neu\n/etc/passwd,s1,1,neu\n../../../escaped.wav,s1,1,neu\n")))),
        ("CSV without the columns", Zip(("labels.csv", Text("path,who,label\na.wav,s1,neu\n")), ("a.wav", Wav()))),
    ];

    [Fact]
    public async Task TheWholeHostileCorpus_LeavesTheStoreIntactAndThePortalUp()
    {
        using var portal = PortalFactory.Create();
        await using var admin = await SignedInScope.AdminAsync(portal);
        var honest = await UploadSteps.UploadAndImportAsync(portal, admin, SmallCorpus(), "honest");
        Assert.True(honest.State == JobState.Succeeded, honest.Error);
        var data = Path.Combine(portal.Folder, "data");
        var filesBefore = FilesUnder(data);
        var rowsBefore = await RowCountsAsync(portal);
        var neighbours = Neighbours(portal.Folder);

        foreach (var (what, zip) in RefusedUploads())
        {
            var outcome = await UploadSteps.UploadAsync(admin, zip, $"hostile {what}");
            Assert.False(outcome.Accepted, $"{what}: {outcome.Message}");
        }
        foreach (var (what, zip) in FailingImports(portal.DatabasePath))
        {
            var job = await UploadSteps.UploadAndImportAsync(portal, admin, zip, $"broken {what}");
            Assert.True(job.State == JobState.Failed, $"{what}: {job.State}");
        }
        var browser = await SignedInUsers.BrowserAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        foreach (var (what, zip) in RefusedUploads())
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(zip), "archive", "experiment.zip" } };
            var response = await browser.PostAsync("/api/experiments/import", form);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"experiment import of {what}: {response.StatusCode}");
        }
        using (var crossSite = new HttpRequestMessage(HttpMethod.Post, "/api/experiments/import") { Content = new MultipartFormDataContent() })
        {
            crossSite.Headers.Add("Origin", "http://evil.example");
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(crossSite)).StatusCode);
        }
        var corpusId = (await portal.Get<CorpusRepository>().FindIdByNameAsync("honest"))!.Value;
        foreach (var probe in new[] { "..%2F..%2F..%2Fstore%2Fportal.db", "../../store/portal.db", "%2Fetc%2Fpasswd" })
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/api/corpora/{corpusId}/audio/{probe}")).StatusCode);

        await using (var db = await portal.CreateDbContextAsync())
            Assert.Equal(["ok"], await db.Database.SqlQueryRaw<string>("SELECT integrity_check AS Value FROM pragma_integrity_check()").ToListAsync());
        Assert.Equal(rowsBefore, await RowCountsAsync(portal));
        Assert.Equal(filesBefore, FilesUnder(data));
        Assert.Equal(neighbours, Neighbours(portal.Folder));
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), "escaped*"));
        var health = await portal.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/corpora/{corpusId}/audio/a")).StatusCode);
    }

    /// <summary>
    /// What lies beside the data folder, except the data folders of other portals that tests running in parallel
    /// create and remove there (32 hex digits, <see cref="PortalFactory.NewFolder"/>).
    /// </summary>
    private static HashSet<string> Neighbours(string folder) =>
        Directory.GetFileSystemEntries(Path.GetDirectoryName(folder)!)
            .Where(e => !(Directory.Exists(e) && Path.GetFileName(e) is { Length: 32 } name && name.All(Uri.IsHexDigit)))
            .ToHashSet();

    /// <summary>Files under the data folder, except the portal's data-protection keys.</summary>
    private static List<string> FilesUnder(string data) =>
        Directory.GetFiles(data, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Path.Combine(data, "keys") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>Every table a refused input could add to; jobs are left out (a failed import is a job on record).</summary>
    private static async Task<Dictionary<string, int>> RowCountsAsync(PortalFactory portal)
    {
        await using var db = await portal.CreateDbContextAsync();
        return new Dictionary<string, int>
        {
            ["corpora"] = await db.Corpora.CountAsync(),
            ["utterances"] = await db.Utterances.CountAsync(),
            ["label sets"] = await db.LabelSets.CountAsync(),
            ["label events"] = await db.LabelEvents.CountAsync(),
            ["experiments"] = await db.Experiments.CountAsync(),
            ["runs"] = await db.Runs.CountAsync(),
            ["artifacts"] = await db.Artifacts.CountAsync(),
            ["share links"] = await db.ShareLinks.CountAsync(),
            ["members"] = await db.WorkspaceMembers.CountAsync(),
        };
    }
}
