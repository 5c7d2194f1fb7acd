using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PairwiseCL.Store;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Store;

/// <summary>Start-up on both providers: each applies its own migration set, which must match the model.</summary>
public abstract class StoreStartupTests(PortalFactory portal)
{
    protected PortalFactory Portal => portal;

    [Fact]
    public async Task StartingThePortal_AppliesEveryMigrationToTheConfiguredStore()
    {
        _ = portal.Server;
        await using var db = await portal.CreateDbContextAsync();
        Assert.Equal(portal.Provider == StoreProviders.Postgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.True(await db.Workspaces.AnyAsync(w => w.Slug == Workspace.DefaultSlug));
    }

    [Fact]
    public async Task CommittedMigrations_MatchTheModel()
    {
        // A model change without a new migration would make the store differ from the code.
        await using var db = await portal.CreateDbContextAsync();
        Assert.False(db.Database.HasPendingModelChanges(), $"The model changed: add a migration to both providers (dotnet run --project tools/AddMigration -- Name); {portal.Provider}'s snapshot differs.");
    }

    [Fact]
    public async Task FirstStart_CreatesTheConfiguredAdministratorAsWorkspaceOwner()
    {
        _ = portal.Server;
        await using var db = await portal.CreateDbContextAsync();
        var admin = await db.Users.Include(u => u.Memberships).SingleAsync(u => u.Email == PortalFactory.AdminEmail);
        Assert.Equal(WorkspaceRole.Owner, Assert.Single(admin.Memberships).Role);
    }
}

public sealed class StoreStartupOnSqliteTests(PortalFactory portal) : StoreStartupTests(portal), IClassFixture<PortalFactory>
{
    [Fact]
    public void TheDatabaseFile_IsCreatedAtTheConfiguredPath()
    {
        _ = Portal.Server;
        Assert.True(File.Exists(Portal.DatabasePath));
    }

    [Fact]
    public async Task TheDatabaseFile_IsInWalMode()
    {
        _ = Portal.Server;
        // A fresh connection reads the mode stored in the file, not one set on the portal's connections.
        await using var connection = new SqliteConnection($"Data Source={Portal.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }
}

public sealed class StoreStartupOnPostgresTests(PostgresPortalFactory portal) : StoreStartupTests(portal), IClassFixture<PostgresPortalFactory>
{
    [Fact]
    public async Task TheStore_IsTheConfiguredPostgresDatabase_AndNoSqliteFileIsWritten()
    {
        _ = Portal.Server;
        await using var db = await Portal.CreateDbContextAsync();
        Assert.Equal(Portal.PostgresDatabase, db.Database.GetDbConnection().Database);
        Assert.False(File.Exists(Portal.DatabasePath));
    }
}
