using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PairwiseCL.Core.LabelledModels;
using PairwiseCL.Web.Authorization;
using PairwiseCL.Web.LabelledModels;
using PairwiseCL.Web.Labelling;
using PairwiseCL.Web.TryIt;
using static PairwiseCL.Web.Apis.ModelsApi;

namespace PairwiseCL.Web.Apis;

/// <summary>
/// Models trained on a corpus's labels ("Train a model"), over HTTP for members of its workspace: classify an uploaded
/// clip (multipart field "audio") with the model a training job saved, answered as the experiments' predict endpoint;
/// download the model, its predictions of the rest, and the corpus's labels and label history as CSV.
/// </summary>
public static class CorpusModelsApi
{
    public static RouteGroupBuilder MapCorpusModelsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/corpora/{corpusId:int}/models").RequireAuthorization(PortalPolicies.Viewer).DisableCookieRedirect();
        api.MapPost("{jobId:long}/predict", PredictAsync).DisableAntiforgery()
            .WithUploadLimit(app.Services.GetRequiredService<IOptions<TryItOptions>>().Value.MaxClipBytes);
        api.MapGet("{jobId:long}/download", DownloadAsync);
        api.MapGet("{jobId:long}/predictions.csv", PredictionsCsvAsync);
        var labels = app.MapGroup("/api/corpora/{corpusId:int}").RequireAuthorization(PortalPolicies.Viewer).DisableCookieRedirect();
        labels.MapGet("labels.csv", LabelsCsvAsync);
        labels.MapGet("label-events.csv", LabelEventsCsvAsync);
        return api;
    }

    public static string LabelsCsvUrl(int corpusId) => $"api/corpora/{corpusId}/labels.csv";

    public static string LabelEventsCsvUrl(int corpusId) => $"api/corpora/{corpusId}/label-events.csv";

    private static async Task<Results<FileContentHttpResult, NotFound>> LabelsCsvAsync(int corpusId, HttpContext http, LabelExport export, CancellationToken cancellationToken)
    {
        ExperimentsApi.BindUser(http);
        return Csv(await export.LabelsCsvAsync(corpusId, cancellationToken), $"corpus-{corpusId}-labels.csv");
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> LabelEventsCsvAsync(int corpusId, HttpContext http, LabelExport export, CancellationToken cancellationToken)
    {
        ExperimentsApi.BindUser(http);
        return Csv(await export.HistoryCsvAsync(corpusId, cancellationToken), $"corpus-{corpusId}-label-events.csv");
    }

    private static Results<FileContentHttpResult, NotFound> Csv(string? text, string fileName) =>
        text is null ? TypedResults.NotFound() : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(text), "text/csv", fileName);

    public static string PredictUrl(int corpusId, long jobId) => $"api/corpora/{corpusId}/models/{jobId}/predict";

    public static string DownloadUrl(int corpusId, long jobId) => $"api/corpora/{corpusId}/models/{jobId}/download";

    public static string PredictionsCsvUrl(int corpusId, long jobId) => $"api/corpora/{corpusId}/models/{jobId}/predictions.csv";

    private static async Task<Results<FileContentHttpResult, NotFound>> DownloadAsync(int corpusId, long jobId, HttpContext http, LabelledModelService models,
        CancellationToken cancellationToken)
    {
        ExperimentsApi.BindUser(http);
        return await models.FindAsync(corpusId, jobId, cancellationToken) is { } found
            ? TypedResults.File(await ModelService.ZipFolderAsync(found.Folder, found.Record.Name, cancellationToken), "application/zip", $"corpus-{corpusId}-model-{jobId}.zip")
            : TypedResults.NotFound();
    }

    // Every cell goes through the reports' CSV escaping: a clip id like "=HYPERLINK(...)" stays text in a spreadsheet.
    private static async Task<Results<FileContentHttpResult, NotFound>> PredictionsCsvAsync(int corpusId, long jobId, HttpContext http, LabelledModelService models,
        CancellationToken cancellationToken)
    {
        ExperimentsApi.BindUser(http);
        var predictions = await models.PredictionsAsync(corpusId, jobId, cancellationToken);
        return Csv(predictions is null ? null : CorpusPredictions.ToCsv(predictions), $"corpus-{corpusId}-predictions-{jobId}.csv");
    }

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
