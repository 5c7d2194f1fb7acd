using Microsoft.Extensions.Hosting;

namespace PairwiseCL.Store;

/// <summary>Runs <see cref="StoreMigrator"/> while the host starts, before requests are served.</summary>
internal sealed class StoreMigrationHostedService(StoreMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
