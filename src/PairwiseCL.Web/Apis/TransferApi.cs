using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PairwiseCL.Web.Datasets;
using PairwiseCL.Web.Authorization;
using PairwiseCL.Web.Transfer;

namespace PairwiseCL.Web.Apis;

/// <summary>
/// Experiments leaving and entering the portal as zips: export for members of the experiment's workspace,
/// import (multipart field "archive") for editors.
/// </summary>
public static class TransferApi
{
    public static RouteGroupBuilder MapTransferApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/experiments").RequireAuthorization(PortalPolicies.Viewer).DisableCookieRedirect();
        api.MapGet("{experimentId:int}/export", ExportAsync);
        // Scripts post without a form token; CrossSiteRequestGuard refuses a signed-in browser's post from another site.
        api.MapPost("import", ImportAsync).RequireAuthorization(PortalPolicies.Editor).DisableAntiforgery()
            .WithUploadLimit(app.Services.GetRequiredService<IOptions<DatasetOptions>>().Value.MaxUploadBytes);
        return api;
    }

    public static string ExportUrl(int experimentId) => $"api/experiments/{experimentId}/export";

    private static async Task<Results<Created<ImportOutcome>, BadRequest<ImportOutcome>, JsonHttpResult<ImportOutcome>, ForbidHttpResult>> ImportAsync(
        HttpRequest request, ExperimentImporter importer, IOptions<DatasetOptions> limits, CancellationToken cancellationToken)
    {
        ExperimentsApi.BindUser(request.HttpContext);
        var (file, problem, tooLarge) = await UploadedFile.ReadAsync(request, "archive", "archive", limits.Value.MaxUploadBytes, cancellationToken);
        if (tooLarge) return TypedResults.Json(ImportOutcome.Refused(problem!), statusCode: StatusCodes.Status413PayloadTooLarge);
        if (file is null) return TypedResults.BadRequest(ImportOutcome.Refused(problem!));
        await using var upload = file.OpenReadStream();
        var outcome = await importer.ImportAsync(upload, cancellationToken);
        if (outcome.Forbidden) return TypedResults.Forbid();
        return outcome.ExperimentId is { } id ? TypedResults.Created($"/experiments/{id}", outcome) : TypedResults.BadRequest(outcome);
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> ExportAsync(int experimentId, ExperimentExporter exporter, CancellationToken cancellationToken)
    {
        // Written to a temporary file first: a zip's central directory is written synchronously on disposal.
        var path = Path.Combine(Path.GetTempPath(), $"pairwisecl-export-{Guid.NewGuid():N}.zip");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            if (!await exporter.ExportAsync(experimentId, file, cancellationToken))
            {
                await file.DisposeAsync();
                return TypedResults.NotFound();
            }
            file.Position = 0;
            return TypedResults.File(file, "application/zip", $"experiment-{experimentId}.zip");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
