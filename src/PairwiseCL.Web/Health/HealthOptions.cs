namespace PairwiseCL.Web.Health;

/// <summary>Thresholds of the /health endpoint (section "Health").</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>Free space on the data folder below which the portal reports itself degraded.</summary>
    public double MinimumFreeGigabytes { get; set; } = 2;
}
