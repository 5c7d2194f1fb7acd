using Microsoft.AspNetCore.Diagnostics;

namespace PairwiseCL.Web.Apis;

public static class ApiStatusCodes
{
    /// <summary>
    /// Under /api, a 401, 403 or 404 reaches the client as it is: the portal's re-executed not-found
    /// page is for browsers (it would turn a 403 into a sign-in redirect, or a POST into an anti-forgery 400).
    /// Call after UseStatusCodePages.
    /// </summary>
    public static void UseApiStatusCodes(this WebApplication app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.Use((context, next) =>
        {
            if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages) statusPages.Enabled = false;
            return next(context);
        }));
}
