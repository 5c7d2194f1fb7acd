using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using PairwiseCL.Web.Authorization;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Sharing;

namespace PairwiseCL.Web.Apis;

/// <summary>
/// Experiments over HTTP: list and launch (JSON, for scripts), and the report files (summary.csv,
/// figures) for members and for share links. Every file is checked against its stored SHA-256 first.
/// </summary>
public static class ExperimentsApi
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static RouteGroupBuilder MapExperimentsApi(this WebApplication app)
    {
        // An API answers 401/403 instead of redirecting to the sign-in page.
        var api = app.MapGroup("/api/experiments").RequireAuthorization(PortalPolicies.Viewer).DisableCookieRedirect();
        api.MapGet("", ListAsync);
        api.MapPost("", LaunchAsync).RequireAuthorization(PortalPolicies.Editor);
        api.MapPost("{experimentId:int}/analysis", RequestAnalysisAsync).RequireAuthorization(PortalPolicies.Editor);
        api.MapGet("{experimentId:int}/files/{**path}", GetFileAsync);
        app.MapGet(ShareLinkService.PathPrefix + "{token}/files/{**path}", GetSharedFileAsync).AllowAnonymous();
        return api;
    }

    public static string FileUrl(int experimentId, string relativePath) => $"api/experiments/{experimentId}/files/{relativePath}";

    public static string SharedFileUrl(string token, string relativePath) => $"share/{Uri.EscapeDataString(token)}/files/{relativePath}";

    private static async Task<Ok<IReadOnlyList<ExperimentSummary>>> ListAsync(HttpContext http, ExperimentService experiments, CancellationToken cancellationToken)
    {
        BindUser(http);
        return TypedResults.Ok(await experiments.ListAsync(cancellationToken));
    }

    private static async Task<Results<Created<LaunchResult>, ValidationProblem, ForbidHttpResult, JsonHttpResult<LaunchResult>>> LaunchAsync(
        ExperimentDraft draft, HttpContext http, ExperimentService experiments, CancellationToken cancellationToken)
    {
        BindUser(http);
        var result = await experiments.LaunchAsync(draft, cancellationToken);
        if (result.Forbidden) return TypedResults.Forbid();
        // 409 Conflict with the reason: the request was fine, the server's state (a full disk) refuses it until
        // space is freed; a client error code, so scripts do not retry it as a transient server fault.
        if (result.DiskFull) return TypedResults.Json(result, statusCode: StatusCodes.Status409Conflict);
        if (!result.Launched)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["experiment"] = [.. result.Problems] });
        return TypedResults.Created($"/experiments/{result.ExperimentId}", result);
    }

    /// <summary>
    /// Queues (or finds the queued) t-SNE and PWCCA analysis job: 202 with the job; 200 with no job when the
    /// report already holds the analysis (unless <paramref name="force"/>); 409 when it cannot run.
    /// </summary>
    private static async Task<Results<Accepted<LaunchResult>, Ok<LaunchResult>, NotFound, Conflict<LaunchResult>, ForbidHttpResult>> RequestAnalysisAsync(
        int experimentId, bool? force, HttpContext http, ExperimentService experiments, CancellationToken cancellationToken)
    {
        BindUser(http);
        var result = await experiments.RequestAnalysisAsync(experimentId, force ?? false, cancellationToken);
        if (result is null) return TypedResults.NotFound();
        if (result.Forbidden) return TypedResults.Forbid();
        if (result.AlreadyAnalysed) return TypedResults.Ok(result);
        if (result.JobId is null) return TypedResults.Conflict(result);
        return TypedResults.Accepted($"/experiments/{experimentId}", result);
    }

    private static async Task<Results<PhysicalFileHttpResult, NotFound<string>>> GetFileAsync(
        int experimentId, string path, Results.ResultsService results, CancellationToken cancellationToken) =>
        File(await results.FindFileAsync(experimentId, path, cancellationToken), path);

    private static async Task<Results<PhysicalFileHttpResult, NotFound<string>>> GetSharedFileAsync(
        string token, string path, ShareLinkService sharing, CancellationToken cancellationToken) =>
        File(await sharing.FindFileAsync(token, path, cancellationToken), path);

    private static Results<PhysicalFileHttpResult, NotFound<string>> File(string? fullPath, string path)
    {
        if (fullPath is null) return TypedResults.NotFound($"No verified report file '{path}' here.");
        var contentType = ContentTypes.TryGetContentType(fullPath, out var type) ? type : "application/octet-stream";
        return TypedResults.PhysicalFile(fullPath, contentType, Path.GetFileName(fullPath));
    }

    // Services ask UserAccess who the user is; outside a Blazor circuit the request's user is that answer.
    internal static void BindUser(HttpContext http)
    {
        if (http.RequestServices.GetRequiredService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider host)
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));
    }
}
