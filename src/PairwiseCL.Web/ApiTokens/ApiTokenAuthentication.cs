using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PairwiseCL.Store.Accounts;
using PairwiseCL.Web.Sharing;

namespace PairwiseCL.Web.ApiTokens;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> with a member's personal access token. The request then acts as
/// that member with their current workspace role (the role handler reads it from the store per request).
/// A browser never adds this header by itself, so such requests need no anti-forgery or origin check.
/// </summary>
public static class ApiTokenAuthentication
{
    public const string Scheme = "ApiToken";

    /// <summary>The default scheme: a bearer token when the request carries one, else the sign-in cookie.</summary>
    public const string PortalScheme = "Portal";

    /// <summary>True when the request authenticates with a bearer token instead of the sign-in cookie.</summary>
    public static bool IsBearerRequest(HttpRequest request) => BearerToken(request) is not null;

    internal static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    public static AuthenticationBuilder AddPortalAuthentication(this IServiceCollection services)
    {
        services.AddScoped<ApiTokenService>();
        return services.AddAuthentication(PortalScheme)
            .AddPolicyScheme(PortalScheme, "Sign-in cookie or API token", policy =>
                policy.ForwardDefaultSelector = context => IsBearerRequest(context.Request) ? Scheme : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(Scheme, null);
    }
}

internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenRepository tokens,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Unknown = "The API token is unknown or revoked; create a new one on the API tokens page.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiTokenAuthentication.BearerToken(Request) is not { } token) return AuthenticateResult.NoResult();
        if (!token.StartsWith(ApiTokenService.TokenPrefix, StringComparison.Ordinal) || token.Length > 200)
            return AuthenticateResult.Fail(Unknown);
        if (await tokens.UseAsync(ShareTokens.Hash(token), clock.GetUtcNow().UtcDateTime, Context.RequestAborted) is not { } owner)
            return AuthenticateResult.Fail(Unknown);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, owner.UserId), new Claim(ClaimTypes.Name, owner.Email)],
            ApiTokenAuthentication.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiTokenAuthentication.Scheme));
    }

    /// <summary>401 with a readable reason, instead of a redirect to the sign-in page.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        Response.ContentType = "application/json";
        await Response.WriteAsync(JsonSerializer.Serialize(new { error = result.Failure?.Message ?? "Send a member's API token as 'Authorization: Bearer <token>'." }));
    }
}
