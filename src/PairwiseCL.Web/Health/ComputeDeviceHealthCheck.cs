using Microsoft.Extensions.Diagnostics.HealthChecks;
using TorchSharp;

namespace PairwiseCL.Web.Health;

/// <summary>Reports the device training jobs run on (CUDA when libtorch sees a GPU, else CPU); unhealthy when libtorch does not load.</summary>
public sealed class ComputeDeviceHealthCheck : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var cuda = torch.cuda.is_available();
            var data = new Dictionary<string, object>
            {
                ["device"] = cuda ? "CUDA" : "CPU",
                ["cudaDevices"] = cuda ? torch.cuda.device_count() : 0,
                ["cpuThreads"] = torch.get_num_threads(),
            };
            return Task.FromResult(HealthCheckResult.Healthy(cuda ? $"CUDA ({torch.cuda.device_count()} device(s))" : "CPU", data));
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or NotSupportedException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"libtorch did not load: {ex.Message}"));
        }
    }
}
