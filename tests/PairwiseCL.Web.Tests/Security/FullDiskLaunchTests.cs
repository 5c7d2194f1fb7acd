using System.Net;
using System.Net.Http.Json;
using PairwiseCL.Core.Corpora.Synthetic;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Tests.Experiments;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>
/// Launching an experiment while the disk is full answered 500. The full disk is simulated through the
/// store's seam (<see cref="FailingWrites"/>: SQLite's SQLITE_FULL on writes to one table), since filling
/// a real disk in a test is impractical. The answer is a 4xx — 409 Conflict with the reason (the request
/// was valid; the server's full disk refuses it until space is freed) — and no experiment without a job
/// is left behind.
/// </summary>
public sealed class FullDiskLaunchTests : IDisposable
{
    private readonly Dictionary<string, FailingWrites> writes = new()
    {
        ["Experiments"] = new FailingWrites("Experiments"), // the experiment cannot be stored
        ["Jobs"] = new FailingWrites("Jobs"),               // the experiment is stored, its job cannot be queued
    };
    private readonly PortalFactory portal;

    public FullDiskLaunchTests() => portal = PortalFactory.Create(configureServices: services =>
    {
        foreach (var table in writes.Values) FailingWrites.Register(table)(services);
    });

    public void Dispose() => portal.Dispose();

    [Theory]
    [InlineData("Experiments")]
    [InlineData("Jobs")]
    public async Task LaunchingOnAFullDisk_Is409WithTheReason_AndLeavesNoExperiment(string table)
    {
        _ = portal.Server;
        var corpus = new SyntheticCorpusGenerator().Generate(Path.Combine(portal.Folder, "synthetic"),
            new SyntheticCorpusOptions(Sessions: 3, SpeakersPerSession: 1, ClipsPerSpeakerAndEmotion: 1, MinSeconds: 0.5, MaxSeconds: 0.6));
        var corpusId = await portal.Get<CorpusRepository>().SaveAsync(corpus);
        var admin = await SignedInUsers.BrowserAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        writes[table].Failing = true;
        var response = await admin.PostAsJsonAsync("/api/experiments", FinishedExperiment.TinyDraft(corpusId));
        writes[table].Failing = false;

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{response.StatusCode} {body}");
        Assert.Contains("disk is full", body);
        Assert.True(writes[table].Refused > 0);
        Assert.Empty((await admin.GetFromJsonAsync<List<ExperimentSummary>>("/api/experiments"))!);
    }
}
