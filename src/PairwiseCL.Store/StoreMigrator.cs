using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store;

/// <summary>
/// Brings the store up to date: applies the provider's migrations and makes sure the default workspace exists.
/// On SQLite it also creates the file's folder and switches the file to WAL (so the portal can read while the
/// CLI or a job writes); on PostgreSQL it also creates or upgrades Hangfire's schema. Safe to run from the portal, the CLI and workers at the same time: EF Core takes a
/// migration lock on both providers.
/// </summary>
public sealed class StoreMigrator(
    IDbContextFactory<PortalDbContext> contextFactory,
    IOptions<StorageOptions> options,
    ILogger<StoreMigrator> logger) : IDisposable
{
    // On SQLite, one connection held open for the process's life. The store's connections are not pooled (see
    // StorageOptions.SqliteConnectionString), and the last connection to a WAL file to close checkpoints it and
    // deletes the log: without this one, every short write would end in a checkpoint, and the log would belong to
    // whichever process closed last.
    private SqliteConnection? keeper;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var storage = options.Value;
        var where = storage.Describe();
        if (!storage.IsPostgres)
            Directory.CreateDirectory(Path.GetDirectoryName(storage.DatabaseFullPath)!);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
            logger.LogInformation("Applying {Count} migration(s) to {Path}: {Migrations}", pending.Count, where, string.Join(", ", pending));
        await db.Database.MigrateAsync(cancellationToken);
        // journal_mode is stored in the file, so setting it once makes every later connection use WAL.
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            if (keeper is null)
            {
                keeper = new SqliteConnection(storage.SqliteConnectionString);
                await keeper.OpenAsync(cancellationToken);
                // SQLite opens the file lazily: a read makes this connection one of the log's.
                await using var touch = keeper.CreateCommand();
                touch.CommandText = "SELECT count(*) FROM sqlite_master;";
                await touch.ExecuteScalarAsync(cancellationToken);
            }
        }
        else
            // Hangfire's queues live beside the store on PostgreSQL (schema "hangfire"), ready for Jobs:Engine = hangfire.
            await Jobs.HangfireStorage.InstallPostgresSchemaAsync(storage.ConnectionString!, cancellationToken);
        await EnsureDefaultWorkspaceAsync(db, cancellationToken);
        if (storage.VerifyDataFolder)
            await DataFolderIdentity.VerifyAsync(db, storage, cancellationToken);
        else
            await DataFolderIdentity.EnsureAsync(db, storage, logger, cancellationToken);
        logger.LogInformation("Store ready at {Path}", where);
    }

    public void Dispose() => keeper?.Dispose();

    private static async Task EnsureDefaultWorkspaceAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Workspaces.AnyAsync(w => w.Slug == Workspace.DefaultSlug, cancellationToken))
            return;
        db.Workspaces.Add(new Workspace { Slug = Workspace.DefaultSlug, Name = "Lab" });
        await db.SaveChangesAsync(cancellationToken);
    }
}
