using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using PairwiseCL.Store.Workspaces;

namespace PairwiseCL.Web.Authorization;

/// <summary>
/// Checks the user's membership in the database on every decision, so removing a member or lowering a
/// role takes effect at once instead of when a cookie expires.
/// </summary>
internal sealed class WorkspaceRoleHandler(CurrentWorkspace currentWorkspace, WorkspaceRepository workspaces)
    : AuthorizationHandler<WorkspaceRoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, WorkspaceRoleRequirement requirement)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return;
        var role = await workspaces.GetRoleAsync(await currentWorkspace.GetIdAsync(), userId);
        if (role is not null && role.Value >= requirement.Minimum)
            context.Succeed(requirement);
    }
}
