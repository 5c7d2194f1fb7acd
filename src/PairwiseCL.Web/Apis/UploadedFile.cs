using Microsoft.AspNetCore.Mvc;
using PairwiseCL.Web.Datasets;

namespace PairwiseCL.Web.Apis;

/// <summary>
/// The one file field of an API upload, or why there is none. A malformed multipart body is the sender's
/// mistake and answers 400 with the reason, not 500; a body or file over the endpoint's limit answers 413.
/// </summary>
internal static class UploadedFile
{
    /// <summary>Room for the multipart boundaries, part headers and small fields around the file.</summary>
    private const long FormOverheadBytes = 1024 * 1024;

    /// <summary>
    /// Lets the endpoint's body be as large as the configured file limit: Kestrel's default of 30,000,000
    /// bytes and the form reader's 128 MiB would otherwise decide (and answer 500).
    /// </summary>
    public static RouteHandlerBuilder WithUploadLimit(this RouteHandlerBuilder endpoint, long maxFileBytes)
    {
        var body = maxFileBytes > long.MaxValue - FormOverheadBytes ? long.MaxValue : maxFileBytes + FormOverheadBytes;
        return endpoint.WithMetadata(new RequestSizeLimitAttribute(body)).WithFormOptions(multipartBodyLengthLimit: body);
    }

    public static async Task<Upload> ReadAsync(HttpRequest request, string field, string what, long maxFileBytes, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
            return Upload.Refused($"Send the {what} as multipart/form-data in a field named '{field}'.");
        var tooLarge = Upload.TooLarge($"The {what} is larger than {ZipArchiveGuard.Bytes(maxFileBytes)}, the limit.");
        if (request.ContentLength > maxFileBytes + FormOverheadBytes) return tooLarge;
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return tooLarge;
        }
        catch (InvalidDataException e) when (e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        {
            return tooLarge; // the form reader's own limit (a chunked body has no Content-Length to check first)
        }
        catch (InvalidDataException e)
        {
            return Upload.Refused($"The multipart form could not be read ({e.Message.TrimEnd(':', ' ')}); send the {what} in a field named '{field}'.");
        }
        return form.Files.GetFile(field) switch
        {
            { Length: 0 } or null => Upload.Refused($"The form has no non-empty file field named '{field}'."),
            { } file when file.Length > maxFileBytes => tooLarge,
            { } file => new Upload(file, null),
        };
    }

    /// <summary>The file, or the reason there is none; <see cref="IsTooLarge"/> for a 413.</summary>
    public sealed record Upload(IFormFile? File, string? Problem, bool IsTooLarge = false)
    {
        public static Upload Refused(string problem) => new(null, problem);

        public static Upload TooLarge(string problem) => new(null, problem, IsTooLarge: true);
    }
}
