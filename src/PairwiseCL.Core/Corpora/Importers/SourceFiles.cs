namespace PairwiseCL.Core.Corpora.Importers;

/// <summary>
/// How importers list a corpus's files: names matched case-insensitively (".WAV" too), in ordinal order
/// so imports are reproducible, and hidden files left out (on Unix every name starting with '.', which
/// covers the macOS "._" resource forks that some corpus copies carry beside each file).
/// </summary>
internal static class SourceFiles
{
    public static IEnumerable<string> Under(string folder, string pattern, bool recursive = true) =>
        Directory.EnumerateFiles(folder, pattern, new EnumerationOptions
        {
            RecurseSubdirectories = recursive,
            MatchCasing = MatchCasing.CaseInsensitive,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
        }).Order(StringComparer.Ordinal);
}
