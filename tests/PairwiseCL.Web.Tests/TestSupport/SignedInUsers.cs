using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Workspaces;

namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>Users with a given workspace role (or none), as browsers or as the user of a service scope.</summary>
public static class SignedInUsers
{
    public const string Password = "Member#Pass123";

    /// <summary>Creates a user; with a role, also a member of the default workspace. Returns the user's id.</summary>
    public static async Task<string> CreateAsync(PortalFactory portal, string email, WorkspaceRole? role)
    {
        _ = portal.Server;
        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, DisplayName = email };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        if (role is { } r)
        {
            var workspaces = portal.Get<WorkspaceRepository>();
            await workspaces.SetMemberAsync(await workspaces.GetDefaultIdAsync(), user.Id, r);
        }
        return user.Id;
    }

    public static async Task<HttpClient> BrowserAsync(PortalFactory portal, string email, string password = Password)
    {
        var browser = portal.CreateBrowser();
        var signedIn = await Browser.SignInAsync(browser, email, password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    /// <summary>A service scope whose <see cref="AuthenticationStateProvider"/> reports the given user, as a circuit would.</summary>
    public static IServiceScope ScopeAs(PortalFactory portal, string userId)
    {
        var scope = portal.Services.CreateScope();
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test");
        var state = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        state.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(identity))));
        return scope;
    }
}
