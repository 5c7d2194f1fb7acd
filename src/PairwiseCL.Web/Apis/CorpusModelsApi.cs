using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PairwiseCL.Web.Authorization;
using PairwiseCL.Web.LabelledModels;
using PairwiseCL.Web.TryIt;
using static PairwiseCL.Web.Apis.ModelsApi;

namespace PairwiseCL.Web.Apis;

/// <summary>
/// Models trained on a corpus's labels ("Train a model"), over HTTP for members of its workspace: classify an uploaded
/// clip (multipart field "audio") with the model a training job saved, answered as the experiments' predict endpoint.
/// </summary>
public static class CorpusModelsApi
{
    public static RouteGroupBuilder MapCorpusModelsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/corpora/{corpusId:int}/models").RequireAuthorization(PortalPolicies.Viewer).DisableCookieRedirect();
        api.MapPost("{jobId:long}/predict", PredictAsync).DisableAntiforgery()
            .WithUploadLimit(app.Services.GetRequiredService<IOptions<TryItOptions>>().Value.MaxClipBytes);
        return api;
    }

    public static string PredictUrl(int corpusId, long jobId) => $"api/corpora/{corpusId}/models/{jobId}/predict";

    private static async Task<Results<Ok<PredictionResponse>, NotFound<ProblemResponse>, BadRequest<ProblemResponse>, JsonHttpResult<ProblemResponse>>> PredictAsync(
        int corpusId, long jobId, HttpRequest request, LabelledModelService models, ModelService predictor, IOptions<TryItOptions> limits, CancellationToken cancellationToken)
    {
        ExperimentsApi.BindUser(request.HttpContext);
        if (await models.FindAsync(corpusId, jobId, cancellationToken) is not { } found)
            return TypedResults.NotFound(new ProblemResponse($"Corpus #{corpusId} has no model trained by job #{jobId} here."));
        var (file, problem, tooLarge) = await UploadedFile.ReadAsync(request, "audio", "clip", limits.Value.MaxClipBytes, cancellationToken);
        if (tooLarge) return TypedResults.Json(new ProblemResponse(problem!), statusCode: StatusCodes.Status413PayloadTooLarge);
        if (file is null) return TypedResults.BadRequest(new ProblemResponse(problem!));
        await using var clip = file.OpenReadStream();
        var outcome = await predictor.PredictInFolderAsync(found.Folder, found.Record.Name, clip, file.FileName, cancellationToken);
        if (outcome.Prediction is not { } prediction) return TypedResults.BadRequest(new ProblemResponse(outcome.Problem!));
        return TypedResults.Ok(new PredictionResponse(outcome.Model, prediction.Probabilities, prediction.Predicted, outcome.Note));
    }
}
