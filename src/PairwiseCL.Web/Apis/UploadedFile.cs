namespace PairwiseCL.Web.Apis;

/// <summary>
/// The one file field of an API upload, or why there is none. A malformed multipart body is the sender's
/// mistake and answers 400 with the reason, not 500.
/// </summary>
internal static class UploadedFile
{
    public static async Task<(IFormFile? File, string? Problem)> ReadAsync(HttpRequest request, string field, string what, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
            return (null, $"Send the {what} as multipart/form-data in a field named '{field}'.");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException e)
        {
            return (null, $"The multipart form could not be read ({e.Message.TrimEnd(':', ' ')}); send the {what} in a field named '{field}'.");
        }
        return form.Files.GetFile(field) is { Length: > 0 } file
            ? (file, null)
            : (null, $"The form has no non-empty file field named '{field}'.");
    }
}
