namespace PairwiseCL.Web.TryIt;

public static class TryItServiceExtensions
{
    /// <summary>Fine-tuned models of finished experiments (listing, prediction, download; section "TryIt").</summary>
    public static void AddTryIt(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TryItOptions>().BindConfiguration(TryItOptions.SectionName)
            .Validate(o => o.MaxClipSeconds > 0 && o.MaxClipBytes > 0, "TryIt:MaxClipSeconds and TryIt:MaxClipBytes must be positive.").ValidateOnStart();
        builder.Services.AddScoped<ModelService>();
    }
}
