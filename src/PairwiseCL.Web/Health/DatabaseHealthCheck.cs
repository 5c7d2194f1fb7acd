using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PairwiseCL.Store;

namespace PairwiseCL.Web.Health;

/// <summary>The SQLite store answers a query.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<PortalDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var corpora = await db.Corpora.CountAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{corpora} corpora", new Dictionary<string, object> { ["corpora"] = corpora });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The store cannot be queried: {ex.Message}");
        }
    }
}
