using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Sqlite.Design.Internal;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Store;

// Uses EF Core's design-time services directly: the same scaffolder `dotnet ef migrations add` runs.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: dotnet run --project tools/AddMigration -- <MigrationName>");
    return 2;
}

var storeProject = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/PairwiseCL.Store"));
if (!File.Exists(Path.Combine(storeProject, "PairwiseCL.Store.csproj")))
{
    Console.Error.WriteLine($"PairwiseCL.Store was not found at {storeProject}.");
    return 1;
}

using var db = new PortalDbContextDesignTimeFactory().CreateDbContext(args);
var services = new ServiceCollection();
services.AddEntityFrameworkDesignTimeServices();
services.AddDbContextDesignTimeServices(db);
// The provider's design-time services are the same class `dotnet ef` loads; it is marked internal.
#pragma warning disable EF1001
new SqliteDesignTimeServices().ConfigureDesignTimeServices(services);
#pragma warning restore EF1001
using var provider = services.BuildServiceProvider();
var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
var migration = scaffolder.ScaffoldMigration(args[0], "PairwiseCL.Store", "Migrations", "C#");
var files = scaffolder.Save(storeProject, migration, Path.Combine(storeProject, "Migrations"));
Console.WriteLine($"Wrote {files.MigrationFile}, {files.MetadataFile} and {files.SnapshotFile}.");
return 0;
