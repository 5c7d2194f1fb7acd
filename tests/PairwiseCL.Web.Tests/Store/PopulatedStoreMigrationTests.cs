using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PairwiseCL.Store;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Web.Tests.Store;

/// <summary>
/// A lab upgrading keeps its labels: a SQLite store written before label provenance and accepted predictions existed,
/// with labels and their history in it, migrates to the current model without losing or changing any of them.
/// </summary>
public sealed class PopulatedStoreMigrationTests : IDisposable
{
    private const string BeforeProvenance = "20261203200309_AddApiTokens";
    private readonly string path = Path.Combine(Path.GetTempPath(), $"pairwisecl-upgrade-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task LabelsAndTheirHistory_SurviveTheUpgrade_AsPeoplesLabelsWithoutAStrategy()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options;
        await using (var old = new PortalDbContext(options))
        {
            await old.GetService<IMigrator>().MigrateAsync(BeforeProvenance);
            // Rows as the store of that version wrote them (its columns only).
            await old.Database.ExecuteSqlRawAsync("""
                INSERT INTO Workspaces (Id, Slug, Name, CreatedAtUtc) VALUES (7, 'lab', 'Lab', '2026-12-01 10:00:00');
                INSERT INTO Corpora (Id, WorkspaceId, Name, AudioRoot, ImportedAtUtc) VALUES (3, 7, 'ours', '/audio', '2026-12-01 10:00:00');
                INSERT INTO Utterances (Id, CorpusId, Ordinal, Key, AudioPath, DurationSeconds, Speaker, Session, Label)
                    VALUES (1, 3, 0, 'a.wav', 'a.wav', 1.5, 's1', 'x', 'anger'), (2, 3, 1, 'b.wav', 'b.wav', 2.0, 's2', 'x', NULL);
                INSERT INTO LabelEvents (Id, UtteranceId, PreviousLabel, Label, AtUtc) VALUES (11, 1, NULL, 'anger', '2026-12-01 11:00:00');
                """);
        }

        await using var db = new PortalDbContext(options);
        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var clips = await db.Utterances.OrderBy(u => u.Id).ToListAsync();
        Assert.Equal([("anger", (string?)null), (null, null)], clips.Select(u => (u.Label, u.ModelLabel)));
        var labelEvent = await db.LabelEvents.SingleAsync();
        Assert.Equal((11L, "anger", LabelSource.Human, (string?)null, (int?)null), (labelEvent.Id, labelEvent.Label, labelEvent.Source, labelEvent.Strategy, labelEvent.QueuePosition));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
    }
}
