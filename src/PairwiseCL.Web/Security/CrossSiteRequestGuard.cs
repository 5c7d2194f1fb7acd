using Microsoft.AspNetCore.Identity;

namespace PairwiseCL.Web.Security;

/// <summary>
/// Refuses state-changing requests that a browser sent from another site on behalf of a signed-in
/// member (CSRF). The sign-in cookie is SameSite=Lax, but a form post from a sibling site or an older
/// browser still carries it, and the JSON/multipart APIs take no anti-forgery token (scripts call them).
/// The check applies to cookie authentication only: a request authenticated another way (a bearer
/// token, which a browser never attaches by itself) carries no ambient authority to abuse.
/// </summary>
public static class CrossSiteRequestGuard
{
    public const string Refusal = "Cross-site request refused: this request came from another site's page while you were signed in.";

    /// <summary>Call after UseAuthentication, so the request's authentication scheme is known.</summary>
    public static void UseCrossSiteRequestGuard(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (IsCrossSiteCookieWrite(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(Refusal, context.RequestAborted);
            return;
        }
        await next(context);
    });

    public static bool IsCrossSiteCookieWrite(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
            return false;
        if (request.HttpContext.User.Identity is not { IsAuthenticated: true, AuthenticationType: var scheme } || scheme != IdentityConstants.ApplicationScheme)
            return false;
        // Browsers send Origin with every POST; a script (curl with a cookie jar) sends neither header.
        if (request.Headers.Origin is { Count: > 0 } origin)
            return !IsSameOrigin(request, origin.ToString());
        return request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site";
    }

    private static bool IsSameOrigin(HttpRequest request, string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
