using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PairwiseCL.Store;

namespace PairwiseCL.Web.Health;

/// <summary>
/// Free space on the data folder's file system: degraded below <see cref="HealthOptions.MinimumFreeGigabytes"/>
/// (features and checkpoints stop fitting), unhealthy when the folder cannot be reached.
/// </summary>
public sealed class DataFolderHealthCheck(IOptions<StorageOptions> storage, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var folder = storage.Value.DataFolderFullPath;
        try
        {
            Directory.CreateDirectory(folder);
            var drive = new DriveInfo(folder);
            var freeGigabytes = drive.AvailableFreeSpace / 1e9;
            var data = new Dictionary<string, object>
            {
                ["path"] = folder,
                ["freeBytes"] = drive.AvailableFreeSpace,
                ["totalBytes"] = drive.TotalSize,
            };
            var description = $"{freeGigabytes:F1} GB free of {drive.TotalSize / 1e9:F1} GB at {folder}";
            return Task.FromResult(freeGigabytes < options.Value.MinimumFreeGigabytes
                ? HealthCheckResult.Degraded($"{description}; below the {options.Value.MinimumFreeGigabytes} GB minimum", data: data)
                : HealthCheckResult.Healthy(description, data));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The data folder {folder} cannot be used: {ex.Message}"));
        }
    }
}
