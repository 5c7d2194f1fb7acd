using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PairwiseCL.Web.Authorization;
using PairwiseCL.Web.TryIt;

namespace PairwiseCL.Web.Apis;

/// <summary>
/// The fine-tuned models of an experiment over HTTP, for members of its workspace: list them, classify an
/// uploaded clip (multipart field "audio") and download one as a zip of weights and configuration.
/// </summary>
public static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/experiments/{experimentId:int}/models").RequireAuthorization(PortalPolicies.Viewer).DisableCookieRedirect();
        api.MapGet("", ListAsync);
        // Scripts post without a form token; CrossSiteRequestGuard refuses a signed-in browser's post from another site.
        api.MapPost("{model}/predict", PredictAsync).DisableAntiforgery()
            .WithUploadLimit(app.Services.GetRequiredService<IOptions<TryItOptions>>().Value.MaxClipBytes);
        api.MapGet("{model}/download", DownloadAsync);
        return api;
    }

    public static string PredictUrl(int experimentId, string model) => $"api/experiments/{experimentId}/models/{Uri.EscapeDataString(model)}/predict";

    public static string DownloadUrl(int experimentId, string model) => $"api/experiments/{experimentId}/models/{Uri.EscapeDataString(model)}/download";

    private static async Task<Results<Ok<IReadOnlyList<ModelSummary>>, NotFound>> ListAsync(int experimentId, ModelService models, CancellationToken cancellationToken) =>
        await models.ListAsync(experimentId, cancellationToken) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Ok<PredictionResponse>, NotFound<ProblemResponse>, BadRequest<ProblemResponse>, JsonHttpResult<ProblemResponse>>> PredictAsync(
        int experimentId, string model, HttpRequest request, ModelService models, IOptions<TryItOptions> limits, CancellationToken cancellationToken)
    {
        var (file, problem, tooLarge) = await UploadedFile.ReadAsync(request, "audio", "clip", limits.Value.MaxClipBytes, cancellationToken);
        if (tooLarge) return TypedResults.Json(new ProblemResponse(problem!), statusCode: StatusCodes.Status413PayloadTooLarge);
        if (file is null) return TypedResults.BadRequest(new ProblemResponse(problem!));
        await using var clip = file.OpenReadStream();
        var outcome = await models.PredictAsync(experimentId, model, clip, file.FileName, cancellationToken);
        if (outcome.NotFound) return TypedResults.NotFound(new ProblemResponse(outcome.Problem!));
        if (outcome.Prediction is not { } prediction) return TypedResults.BadRequest(new ProblemResponse(outcome.Problem!));
        return TypedResults.Ok(new PredictionResponse(outcome.Model, prediction.Probabilities, prediction.Predicted, outcome.Note));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> DownloadAsync(int experimentId, string model, ModelService models, CancellationToken cancellationToken) =>
        await models.ZipAsync(experimentId, model, cancellationToken) is { } zip
            ? TypedResults.File(zip, "application/zip", $"experiment-{experimentId}-{model}.zip")
            : TypedResults.NotFound();

    /// <summary>The JSON answer of the predict endpoint; <see cref="Note"/> says when only the clip's first seconds were classified.</summary>
    public sealed record PredictionResponse(string Model, IReadOnlyDictionary<string, double> Probabilities, string Predicted, string? Note = null);

    /// <summary>Why a request was refused.</summary>
    public sealed record ProblemResponse(string Error);
}
