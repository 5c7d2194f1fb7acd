using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Files;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Web.Authorization;

namespace PairwiseCL.Web.Corpora;

/// <summary>
/// Streams an utterance's audio to the browser's player (with range requests, so seeking works). The media
/// type comes from the file's content, never its name, and browsers are told not to sniff, so a file that
/// is not audio is never rendered as a page (stored XSS); files that are no audio we know are refused.
/// </summary>
public static class CorpusAudioEndpoints
{
    public static void MapCorpusAudioEndpoints(this WebApplication app)
    {
        // A catch-all: ids built from relative paths hold '/', and a %2F in a path is never decoded by the server.
        app.MapGet("/api/corpora/{corpusId:int}/audio/{**utteranceId}", GetAudioAsync)
            .RequireAuthorization(PortalPolicies.Viewer).DisableCookieRedirect();
    }

    /// <summary>The clip's URL: each '/'-separated part of the id escaped on its own, so the slashes stay path separators.</summary>
    public static string AudioUrl(int corpusId, string utteranceId) =>
        $"api/corpora/{corpusId}/audio/{string.Join('/', utteranceId.Split('/').Select(Uri.EscapeDataString))}";

    private static async Task<IResult> GetAudioAsync(int corpusId, string utteranceId, HttpContext context, CorpusRepository corpora,
        CurrentWorkspace workspace, CancellationToken cancellationToken)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        var path = await corpora.FindAudioPathAsync(corpusId, utteranceId, await workspace.GetIdAsync(cancellationToken), cancellationToken);
        if (path is null)
            return TypedResults.NotFound($"Utterance '{utteranceId}' is not in corpus #{corpusId}.");
        if (!File.Exists(path))
            return TypedResults.NotFound($"The audio file of '{utteranceId}' is missing on the server ({Path.GetFileName(path)}).");
        FileStream stream;
        try
        {
            stream = ProtectedFiles.OpenRead(path, 1 << 16);
        }
        catch (ProtectedFileException)
        {
            return TypedResults.NotFound($"The audio file of '{utteranceId}' is not served.");
        }
        if (AudioFormats.Sniff(stream) is not { } format)
        {
            await stream.DisposeAsync();
            return TypedResults.Problem($"The file of '{utteranceId}' is not audio in a format the portal serves.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        stream.Position = 0;
        return TypedResults.Stream(stream, format.ContentType, lastModified: File.GetLastWriteTimeUtc(path), enableRangeProcessing: true);
    }
}
