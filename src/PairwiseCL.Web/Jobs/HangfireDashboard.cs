using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Authorization;

namespace PairwiseCL.Web.Jobs;

/// <summary>Hangfire's dashboard at /hangfire under Jobs:Engine = hangfire: owners only, through the portal's own sign-in.</summary>
public static class HangfireDashboard
{
    public const string Path = "/hangfire";

    /// <summary>The services the dashboard needs; our own <see cref="JobStorage"/> (registered by AddJobs) stays the one used.</summary>
    public static IServiceCollection AddHangfireDashboardServices(this IServiceCollection services, IConfiguration configuration)
    {
        if ((configuration.GetSection(JobOptions.SectionName).Get<JobOptions>() ?? new JobOptions()).IsHangfire)
            // AddHangfire installs Hangfire's own log provider, bound to this host for good; ours follows the newest host.
            services.AddHangfire((sp, configuration) => configuration.UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        return services;
    }

    public static void MapHangfireDashboardForOwners(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<JobOptions>>().Value.IsHangfire) return;
        var options = new DashboardOptions
        {
            // The endpoint's policy below decides; Hangfire's default (local requests only) would let anyone on the host in.
            Authorization = [],
            AppPath = "/jobs",
            DashboardTitle = "PairwiseCL jobs (Hangfire)",
        };
        app.MapHangfireDashboard(Path, options, app.Services.GetRequiredService<JobStorage>())
            .RequireAuthorization(PortalPolicies.Owner);
    }
}
