using System.Security.Cryptography;

namespace PairwiseCL.Web.Security;

/// <summary>
/// Headers on every response (pages, API, report files, audio, static assets): a Content-Security-Policy
/// whose script-src admits only the portal's own scripts and the one inline import map (by a per-request
/// nonce), X-Content-Type-Options: nosniff, and a Referrer-Policy that keeps share tokens in URLs to this site.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "pairwisecl-csp-nonce";

    /// <summary>The nonce of this request's policy, for the import map that Blazor writes inline.</summary>
    public static string Nonce(HttpContext context) =>
        context.Items.TryGetValue(NonceKey, out var nonce) && nonce is string text ? text : "";

    /// <summary>
    /// script-src: our files plus the nonce, no 'unsafe-inline' or 'unsafe-eval' (Blazor Server, MudBlazor and
    /// Plotly, WebGL traces included, need neither): no injected inline script or handler runs. Styles may be
    /// inline: MudBlazor and Plotly set style attributes and elements.
    /// </summary>
    public static string Policy(string nonce) => string.Join("; ",
        "default-src 'self'",
        $"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'");

    /// <summary>Call first, so even error pages and static files carry the headers.</summary>
    public static void UseSecurityHeaders(this WebApplication app) => app.Use((context, next) =>
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy(nonce);
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
