using PairwiseCL.Web.Datasets;
using PairwiseCL.Web.Tests.TestSupport;
using static PairwiseCL.Web.Tests.Datasets.TestArchives;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>
/// A labels CSV that names the portal's own SQLite files. Opening and closing the store as a plain file
/// inside the portal process drops SQLite's POSIX locks (Linux), so another process reading the store
/// afterwards believes it is alone, checkpoints and deletes the WAL, and everything the portal commits
/// afterwards goes into a deleted file and is lost at the next crash.
/// </summary>
public sealed class StoreFileTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly string folder = PortalFactory.NewFolder();

    [Fact]
    public async Task AManifestNamingTheStoreFiles_IsRefusedPerRow_AndALaterCommitSurvivesKill9WhileAnotherProcessReadsTheStore()
    {
        var store = new OtherProcessStore(folder);
        // A server folder whose manifest lists one real clip and the store's three files; no import roots are configured.
        var server = Path.Combine(folder, "server-corpus");
        Directory.CreateDirectory(server);
        File.WriteAllBytes(Path.Combine(server, "good.wav"), Wav());
        var db = store.DatabasePath;
        File.WriteAllText(Path.Combine(server, "labels.csv"), Manifest + $"good.wav,s1,1,neu\n{db},s1,1,neu\n{db}-wal,s1,1,neu\n{db}-shm,s1,1,ang\n");

        using var portal = await PortalProcess.StartAsync(folder, staleAfterSeconds: 30, StartTimeout);
        var hostile = await store.UntilFinishedAsync(await store.EnqueueAsync(workspace =>
            CorpusImportJob.Request(new CorpusImportRequest(CorpusSourceKind.Manifest, "names the store", workspace, Path.Combine(server, "labels.csv")), null)), portal.Output);
        Assert.True(hostile.State == "Succeeded", $"{hostile.State}: {hostile.Error}\n{hostile.Log}\n{portal.Output}");

        // Another process reads the store and closes it again, as a backup script would.
        Assert.Equal(1, store.Count("select count(*) from Corpora"));
        Assert.True(File.Exists(db + "-wal"), "the portal's write-ahead log was deleted by another process");

        var later = await store.EnqueueAsync(workspace => CorpusImportJob.Request(
            new CorpusImportRequest(CorpusSourceKind.Synthetic, "committed later", workspace, SyntheticClipsPerSpeakerAndEmotion: 1), null));
        var committed = await store.UntilFinishedAsync(later, portal.Output);
        Assert.True(committed.State == "Succeeded", $"{committed.State}: {committed.Error}\n{portal.Output}");
        portal.Kill();

        // After the crash the acknowledged corpus and its finished job are in the store.
        Assert.Equal(1, store.Count("select count(*) from Corpora where Name = $name", ("$name", "committed later")));
        Assert.Equal("Succeeded", store.Job(later).State);
        Assert.Equal("ok", IntegrityCheck(store));
        // Each of the three rows was refused on its own, unopened.
        Assert.Equal(3, Occurrences(hostile.Log, "store files"));
    }

    private static string IntegrityCheck(OtherProcessStore store)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "pragma integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
