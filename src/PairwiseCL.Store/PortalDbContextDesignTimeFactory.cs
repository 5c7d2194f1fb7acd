using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PairwiseCL.Store;

/// <summary>Lets design-time tooling (tools/AddMigration) build the SQLite context without a host; PostgreSQL's is in PairwiseCL.Store.Postgres.</summary>
public sealed class PortalDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(new StorageOptions().SqliteConnectionString).Options);
}
