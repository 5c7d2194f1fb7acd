using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace PairwiseCL.Web.Authorization;

/// <summary>
/// The signed-in user of the current request or circuit, and whether a policy allows them something.
/// Services call this before acting, so a hidden button is never the only protection.
/// </summary>
public sealed class UserAccess(AuthenticationStateProvider authenticationState, IAuthorizationService authorization)
{
    public async Task<ClaimsPrincipal> GetUserAsync() => (await authenticationState.GetAuthenticationStateAsync()).User;

    public async Task<string?> GetUserIdAsync() => (await GetUserAsync()).FindFirstValue(ClaimTypes.NameIdentifier);

    public async Task<bool> IsAllowedAsync(string policy) =>
        (await authorization.AuthorizeAsync(await GetUserAsync(), policy)).Succeeded;
}
