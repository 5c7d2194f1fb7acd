using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using PairwiseCL.Web.Sharing;

namespace PairwiseCL.Web.Apis;

public static class ExperimentsPipeline
{
    private const string InvalidShareLinkPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8" /><title>Share link not valid · PairwiseCL</title><link rel="stylesheet" href="/css/site.css" /></head>
        <body><main style="max-width: 40rem; margin: 4rem auto; font-family: sans-serif">
        <h1>Share link not valid</h1>
        <p>This share link is not valid: it was revoked, it expired, or it never existed. Ask the person who shared it for a new one.</p>
        </main></body></html>
        """;

    /// <summary>
    /// Call after UseStatusCodePages. Under /api, a 401, 403 or 404 reaches the client as it is (the
    /// portal's re-executed not-found page is for browsers: it would turn a 403 into a sign-in redirect,
    /// or a POST into an anti-forgery 400). A share page whose token is unknown, revoked or expired
    /// answers 404 with a short explanation, before any component renders.
    /// </summary>
    public static void UseExperimentsPipeline(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.Use((context, next) =>
        {
            DisableStatusCodePages(context);
            return next(context);
        }));
        app.UseWhen(context => ShareToken(context) is not null, share => share.Use(async (context, next) =>
        {
            var sharing = context.RequestServices.GetRequiredService<ShareLinkService>();
            if (await sharing.IsLiveAsync(ShareToken(context)!, context.RequestAborted))
            {
                await next(context);
                return;
            }
            DisableStatusCodePages(context);
            context.Response.StatusCode = (int)HttpStatusCode.NotFound;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(InvalidShareLinkPage, context.RequestAborted);
        }));
    }

    /// <summary>The token of a share page request (/share/{token} and its files), or null for any other path.</summary>
    private static string? ShareToken(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith(ShareLinkService.PathPrefix, StringComparison.Ordinal)) return null;
        var token = path[ShareLinkService.PathPrefix.Length..].Split('/')[0];
        return token.Length == 0 ? null : Uri.UnescapeDataString(token);
    }

    private static void DisableStatusCodePages(HttpContext context)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages) statusPages.Enabled = false;
    }
}
