namespace PairwiseCL.Web.Labelling;

public static class LabellingServiceExtensions
{
    /// <summary>Labelling in the browser and label-set editing.</summary>
    public static IServiceCollection AddLabelling(this IServiceCollection services)
    {
        services.AddScoped<LabellingService>();
        services.AddScoped<LabelSetService>();
        return services;
    }
}
