using PairwiseCL.Web.Accounts;
using PairwiseCL.Web.Apis;
using PairwiseCL.Web.Components;
using PairwiseCL.Web.Corpora;
using PairwiseCL.Web.Health;
using PairwiseCL.Web.Jobs;
using PairwiseCL.Web.Security;

namespace PairwiseCL.Web.Extensions;

/// <summary>The request pipeline and every endpoint the portal serves.</summary>
public static class PortalEndpointExtensions
{
    public static void MapPortal(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseExperimentsPipeline();

        app.UseAuthentication();
        app.UseCrossSiteRequestGuard();
        app.UseAuthorization();
        app.UseAntiforgery();

        // Stylesheets, scripts and the logo are needed by the sign-in page, before anyone is signed in.
        app.MapStaticAssets().AllowAnonymous();
        app.MapPortalHealth();
        app.MapAccountEndpoints();
        app.MapCorpusAudioEndpoints();
        app.MapExperimentsApi();
        app.MapModelsApi();
        app.MapCorpusModelsApi();
        app.MapTransferApi();
        app.MapHangfireDashboardForOwners();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
