using PairwiseCL.Store.Jobs;

namespace PairwiseCL.Web.Datasets;

public static class DatasetServiceExtensions
{
    /// <summary>Adding corpora: limits from section "Datasets", the page service and the import job.</summary>
    public static IServiceCollection AddDatasets(this IServiceCollection services)
    {
        services.AddOptions<DatasetOptions>().BindConfiguration(DatasetOptions.SectionName);
        services.AddSingleton<DatasetFolders>();
        services.AddScoped<DatasetService>();
        services.AddJobHandler<CorpusImportJob>();
        services.AddHostedService<ImportLeftoversSweep>();
        return services;
    }
}
