namespace PairwiseCL.Core.Files;

/// <summary>
/// Writes a file whole or not at all: to a temporary file beside it, then renamed over it, so a reader (another thread,
/// process, or host on a shared data folder) meets the old file or the new one, never half of one. The temporary name
/// is the writer's own (process and a fresh id), so two writers of one file never write into the same temporary, and
/// one a failed write leaves behind is removed.
/// </summary>
public static class AtomicFile
{
    /// <param name="write">Writes the whole content to the path it is given (the temporary file).</param>
    public static void Write(string path, Action<string> write)
    {
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            write(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    public static void WriteAllText(string path, string contents) => Write(path, temporary => File.WriteAllText(temporary, contents));

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { /* held or already gone; a later write leaves its own */ }
        catch (UnauthorizedAccessException) { /* the folder became read-only; the file is only an unused temporary */ }
    }
}
