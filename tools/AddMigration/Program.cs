using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Sqlite.Design.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;
using PairwiseCL.Store;
using PairwiseCL.Store.Postgres;

// Uses EF Core's design-time services directly: the same scaffolder `dotnet ef migrations add` runs, once per
// provider, so the SQLite and PostgreSQL migration sets always follow the same model. A provider whose
// snapshot already matches the model is skipped: after merging a branch that added only a SQLite migration,
// the same command writes just the PostgreSQL one.
if (args.Length != 1 || args[0].StartsWith('-'))
{
    Console.Error.WriteLine("usage: dotnet run --project tools/AddMigration -- <MigrationName>");
    return 2;
}

var repository = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
#pragma warning disable EF1001 // the providers' design-time services are the classes `dotnet ef` loads; they are marked internal.
(string Provider, string Project, Func<PortalDbContext> Create, IDesignTimeServices Services)[] targets =
[
    (StoreProviders.Sqlite, "src/PairwiseCL.Store", () => new PortalDbContextDesignTimeFactory().CreateDbContext(args), new SqliteDesignTimeServices()),
    (StoreProviders.Postgres, "src/PairwiseCL.Store.Postgres", () => new PostgresDesignTimeFactory().CreateDbContext(args), new NpgsqlDesignTimeServices()),
];
#pragma warning restore EF1001

var written = 0;
foreach (var (providerName, project, create, designTimeServices) in targets)
{
    var projectFolder = Path.Combine(repository, project);
    var projectName = Path.GetFileName(project);
    if (!File.Exists(Path.Combine(projectFolder, projectName + ".csproj")))
    {
        Console.Error.WriteLine($"{projectName} was not found at {projectFolder}.");
        return 1;
    }
    using var db = create();
    if (!db.Database.HasPendingModelChanges())
    {
        Console.WriteLine($"{providerName}: the model matches {projectName}'s snapshot; no migration written.");
        continue;
    }
    var services = new ServiceCollection();
    services.AddEntityFrameworkDesignTimeServices();
    services.AddDbContextDesignTimeServices(db);
    designTimeServices.ConfigureDesignTimeServices(services);
    using var provider = services.BuildServiceProvider();
    var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
    var scaffolded = scaffolder.ScaffoldMigration(args[0], projectName, "Migrations", "C#");
    // The scaffolder's own snapshot processing left the previous model empty here (every migration re-created every
    // table), so Up and Down are diffed again from the snapshot initialised as the context's runtime model is.
    var snapshot = provider.GetRequiredService<IMigrationsAssembly>().ModelSnapshot;
    var previous = snapshot is null ? null : db.GetService<IModelRuntimeInitializer>().Initialize(snapshot.Model, designTime: true, validationLogger: null).GetRelationalModel();
    var target = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
    var differ = provider.GetRequiredService<IMigrationsModelDiffer>();
    var code = provider.GetRequiredService<IMigrationsCodeGeneratorSelector>().Select("C#")
        .GenerateMigration($"{projectName}.Migrations", args[0], differ.GetDifferences(previous, target), differ.GetDifferences(target, previous));
    var migration = new ScaffoldedMigration(scaffolded.FileExtension, scaffolded.PreviousMigrationId, code, scaffolded.MigrationId, scaffolded.MetadataCode,
        scaffolded.MigrationSubNamespace, scaffolded.SnapshotCode, scaffolded.SnapshotName, scaffolded.SnapshotSubnamespace);
    var files = scaffolder.Save(projectFolder, migration, Path.Combine(projectFolder, "Migrations"));
    Console.WriteLine($"{providerName}: wrote {files.MigrationFile}, {files.MetadataFile} and {files.SnapshotFile}.");
    written++;
}
if (written == 0)
    Console.WriteLine("Both migration sets already match the model.");
return 0;
