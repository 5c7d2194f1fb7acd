using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PairwiseCL.Core.Files;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Workspaces;

namespace PairwiseCL.Store;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="StorageOptions"/> (section "Storage"), the SQLite <see cref="PortalDbContext"/>
    /// (a factory for short-lived contexts plus a scoped context for Identity), the migrator and the
    /// repositories. Hosts that want migrations applied at start-up also call
    /// <see cref="AddStoreMigrationAtStartup"/>; the CLI calls <see cref="StoreMigrator.MigrateAsync"/> itself.
    /// </summary>
    public static IServiceCollection AddPairwiseStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DatabasePath), "Storage:DatabasePath must name the SQLite file.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataFolder), "Storage:DataFolder must name a folder.")
            .ValidateOnStart();
        services.AddDbContextFactory<PortalDbContext>((sp, options) =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            // Our own code must never open the store as a plain file (that would drop SQLite's POSIX locks).
            ProtectedFiles.ProtectDatabase(storage.DatabaseFullPath);
            options.UseSqlite(storage.ConnectionString);
        });
        services.AddSingleton<StoreMigrator>();
        services.AddSingleton<CorpusRepository>();
        services.AddSingleton<WorkspaceRepository>();
        services.AddSingleton<InvitationRepository>();
        services.AddSingleton<Accounts.ApiTokenRepository>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Applies pending migrations (and WAL mode) before the host starts serving.</summary>
    public static IServiceCollection AddStoreMigrationAtStartup(this IServiceCollection services) =>
        services.AddHostedService<StoreMigrationHostedService>();
}
