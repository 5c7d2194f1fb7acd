using PairwiseCL.Web.Transfer;

namespace PairwiseCL.Web.Comparison;

public static class ComparisonServiceExtensions
{
    /// <summary>Finished experiments compared side by side, exported as zips and imported from other portals.</summary>
    public static void AddExperimentComparisonAndTransfer(this IServiceCollection services)
    {
        services.AddScoped<ComparisonService>();
        services.AddScoped<ExperimentExporter>();
        services.AddScoped<ExperimentImporter>();
    }
}
