using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Workspaces;

namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>
/// A DI scope of the real host in which the circuit's user is a given account, as in a Blazor circuit,
/// so page services run their own role checks exactly as they do for a signed-in browser.
/// </summary>
public sealed class SignedInScope : IAsyncDisposable
{
    private readonly AsyncServiceScope scope;

    private SignedInScope(AsyncServiceScope scope, string userId)
    {
        this.scope = scope;
        UserId = userId;
    }

    public string UserId { get; }

    public T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public static async Task<SignedInScope> AdminAsync(PortalFactory portal)
    {
        _ = portal.Server;
        await using var lookup = portal.Services.CreateAsyncScope();
        var admin = await lookup.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.AdminEmail);
        return Create(portal, admin!.Id);
    }

    /// <summary>Creates an account with <paramref name="role"/> in the default workspace and signs it in.</summary>
    public static async Task<SignedInScope> MemberAsync(PortalFactory portal, string email, WorkspaceRole role)
    {
        _ = portal.Server;
        await using var lookup = portal.Services.CreateAsyncScope();
        var users = lookup.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new PortalUser { UserName = email, Email = email, DisplayName = email };
            Assert.True((await users.CreateAsync(user, "Member#Pass123")).Succeeded);
        }
        var workspaces = portal.Get<WorkspaceRepository>();
        await workspaces.SetMemberAsync(await workspaces.GetDefaultIdAsync(), user.Id, role);
        return Create(portal, user.Id);
    }

    private static SignedInScope Create(PortalFactory portal, string userId)
    {
        var scope = portal.Services.CreateAsyncScope();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "Test"));
        var provider = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return new SignedInScope(scope, userId);
    }

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
