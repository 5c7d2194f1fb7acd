namespace PairwiseCL.Web.TryIt;

public static class TryItServiceExtensions
{
    /// <summary>Fine-tuned models of finished experiments (listing, prediction, download; section "TryIt").</summary>
    public static void AddTryIt(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TryItOptions>().BindConfiguration(TryItOptions.SectionName);
        builder.Services.AddScoped<ModelService>();
    }
}
