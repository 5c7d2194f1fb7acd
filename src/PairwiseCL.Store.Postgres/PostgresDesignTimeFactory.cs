using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PairwiseCL.Store.Postgres;

/// <summary>
/// Builds the PostgreSQL context for tools/AddMigration. Scaffolding compares the model with the last snapshot
/// and never connects, so the connection string only has to be well formed.
/// </summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var storage = new StorageOptions { Provider = StoreProviders.Postgres, ConnectionString = "Host=localhost;Database=pairwisecl" };
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        StoreProviders.Configure(options, storage);
        return new(options.Options);
    }
}
