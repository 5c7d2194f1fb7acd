using Microsoft.AspNetCore.Authorization;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Web.Authorization;

public static class AuthorizationServiceExtensions
{
    /// <summary>
    /// Workspace role policies. The fallback policy makes every page and endpoint require a signed-in
    /// member; pages and endpoints that must stay open (sign-in, setup, static files) opt out explicitly.
    /// </summary>
    public static IServiceCollection AddPortalAuthorization(this IServiceCollection services)
    {
        var viewer = RolePolicy(WorkspaceRole.Viewer);
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalPolicies.Viewer, viewer)
            .AddPolicy(PortalPolicies.Editor, RolePolicy(WorkspaceRole.Editor))
            .AddPolicy(PortalPolicies.Owner, RolePolicy(WorkspaceRole.Owner))
            .SetDefaultPolicy(viewer)
            .SetFallbackPolicy(viewer);
        services.AddSingleton<CurrentWorkspace>();
        services.AddScoped<IAuthorizationHandler, WorkspaceRoleHandler>();
        services.AddScoped<UserAccess>();
        services.AddCascadingAuthenticationState();
        return services;
    }

    private static AuthorizationPolicy RolePolicy(WorkspaceRole minimum) =>
        new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new WorkspaceRoleRequirement(minimum))
            .Build();
}
