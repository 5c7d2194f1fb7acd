namespace PairwiseCL.Web.Labelling;

public static class LabellingServiceExtensions
{
    /// <summary>Labelling in the browser and label-set editing.</summary>
    public static IServiceCollection AddLabelling(this IServiceCollection services)
    {
        services.AddScoped<LabellingService>();
        services.AddScoped<LabelSetService>();
        services.AddScoped<LabelExport>();
        services.AddSingleton<InformativeOrder>();
        services.AddOptions<LabellingOptions>().BindConfiguration(LabellingOptions.SectionName)
            .Validate(o => o.RerankEvery is >= 1 and <= 1000, "Labelling:RerankEvery must be between 1 and 1000.");
        return services;
    }
}
