using MudBlazor.Services;
using PairwiseCL.Store;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Accounts;
using PairwiseCL.Web.Authorization;
using PairwiseCL.Web.Comparison;
using PairwiseCL.Web.Corpora;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Datasets;
using PairwiseCL.Web.Jobs;
using PairwiseCL.Web.Health;
using PairwiseCL.Web.Labelling;
using PairwiseCL.Web.TryIt;

namespace PairwiseCL.Web.Extensions;

/// <summary>Everything the portal depends on, in one readable list.</summary>
public static class PortalServiceExtensions
{
    public static void AddPortalServices(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddSharedAppSettings();
        // `dotnet run` in any environment serves MudBlazor's, Blazor's and our own assets from the build output's
        // static-web-assets manifest; a published app has no such manifest and serves its wwwroot instead.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.SectionName);
        builder.Services.AddPairwiseStore(builder.Configuration);
        builder.Services.AddStoreMigrationAtStartup();
        builder.Services.AddJobs(builder.Configuration);
        builder.Services.AddHangfireDashboardServices(builder.Configuration);
        builder.Services.AddPortalHealthChecks();

        builder.AddPortalAccounts();
        builder.Services.AddPortalAuthorization();

        builder.Services.AddScoped<CorpusService>();
        builder.Services.AddScoped<JobService>();
        builder.Services.AddSingleton<JobProgressFeed>();
        builder.Services.AddSingleton<Results.ProvisionalRuns>();
        builder.Services.AddSingleton<Results.ProvisionalCurves>();
        builder.AddExperiments();
        builder.AddTryIt();
        builder.Services.AddExperimentComparisonAndTransfer();
        builder.Services.AddDatasets();
        builder.Services.AddLabelling();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
    }
}
