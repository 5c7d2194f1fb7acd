using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Workspaces;

namespace PairwiseCL.Store;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="StorageOptions"/> (section "Storage"), the <see cref="PortalDbContext"/> on SQLite or PostgreSQL
    /// (a factory for short-lived contexts plus a scoped context for Identity), the migrator and the
    /// repositories. Hosts that want migrations applied at start-up also call
    /// <see cref="AddStoreMigrationAtStartup"/>; the CLI calls <see cref="StoreMigrator.MigrateAsync"/> itself.
    /// </summary>
    public static IServiceCollection AddPairwiseStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .Validate(o => StoreProviders.IsKnown(o.NormalizedProvider), "Storage:Provider must be 'sqlite' or 'postgres'.")
            .Validate(o => o.IsPostgres || !string.IsNullOrWhiteSpace(o.DatabasePath), "Storage:DatabasePath must name the SQLite file.")
            .Validate(o => !o.IsPostgres || !string.IsNullOrWhiteSpace(o.ConnectionString), "Storage:Provider is 'postgres': Storage:ConnectionString must name the server and database (Host=...;Database=...;Username=...).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataFolder), "Storage:DataFolder must name a folder.")
            .ValidateOnStart();
        services.AddDbContextFactory<PortalDbContext>((sp, options) =>
        {
            StoreProviders.Configure(options, sp.GetRequiredService<IOptions<StorageOptions>>().Value);
        });
        services.AddSingleton<StoreMigrator>();
        services.AddSingleton<CorpusRepository>();
        services.AddSingleton<WorkspaceRepository>();
        services.AddSingleton<InvitationRepository>();
        services.AddSingleton<Accounts.ApiTokenRepository>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Applies pending migrations (and, on SQLite, WAL mode) before the host starts serving.</summary>
    public static IServiceCollection AddStoreMigrationAtStartup(this IServiceCollection services) =>
        services.AddHostedService<StoreMigrationHostedService>();
}
