using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Store;

public sealed class StoreStartupTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task StartingThePortal_AppliesEveryMigrationToTheConfiguredFile()
    {
        _ = portal.Server;
        Assert.True(File.Exists(portal.DatabasePath));
        await using var db = await portal.CreateDbContextAsync();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.True(await db.Workspaces.AnyAsync(w => w.Slug == Workspace.DefaultSlug));
    }

    [Fact]
    public async Task CommittedMigrations_MatchTheModel()
    {
        // A model change without a new migration would make the store differ from the code.
        await using var db = await portal.CreateDbContextAsync();
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed: add a migration (tools/AddMigration).");
    }

    [Fact]
    public async Task TheDatabaseFile_IsInWalMode()
    {
        _ = portal.Server;
        // A fresh connection reads the mode stored in the file, not one set on the portal's connections.
        await using var connection = new SqliteConnection($"Data Source={portal.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
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
