using Microsoft.AspNetCore.StaticFiles;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Web.Authorization;

namespace PairwiseCL.Web.Corpora;

/// <summary>Streams an utterance's audio to the browser's player (with range requests, so seeking works).</summary>
public static class CorpusAudioEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void MapCorpusAudioEndpoints(this WebApplication app)
    {
        // A catch-all: ids built from relative paths hold '/', and a %2F in a path is never decoded by the server.
        app.MapGet("/api/corpora/{corpusId:int}/audio/{**utteranceId}", GetAudioAsync)
            .RequireAuthorization(PortalPolicies.Viewer).DisableCookieRedirect();
    }

    /// <summary>The clip's URL: each '/'-separated part of the id escaped on its own, so the slashes stay path separators.</summary>
    public static string AudioUrl(int corpusId, string utteranceId) =>
        $"api/corpora/{corpusId}/audio/{string.Join('/', utteranceId.Split('/').Select(Uri.EscapeDataString))}";

    private static async Task<IResult> GetAudioAsync(int corpusId, string utteranceId, CorpusRepository corpora, CurrentWorkspace workspace, CancellationToken cancellationToken)
    {
        var path = await corpora.FindAudioPathAsync(corpusId, utteranceId, await workspace.GetIdAsync(cancellationToken), cancellationToken);
        if (path is null)
            return TypedResults.NotFound($"Utterance '{utteranceId}' is not in corpus #{corpusId}.");
        if (!File.Exists(path))
            return TypedResults.NotFound($"The audio file of '{utteranceId}' is missing on the server ({Path.GetFileName(path)}).");
        var contentType = ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream";
        return TypedResults.PhysicalFile(path, contentType, enableRangeProcessing: true);
    }
}
