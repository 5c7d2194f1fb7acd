namespace PairwiseCL.Web.Experiments;

/// <summary>The name the New experiment form suggests: the corpus and the time, following the corpus picked.</summary>
public static class ExperimentNames
{
    /// <summary>
    /// The name to show after <paramref name="corpusName"/> is picked: a new suggestion when the field is empty
    /// or still holds the previous suggestion, otherwise the name the researcher typed, unchanged.
    /// </summary>
    public static string Suggest(string current, string? previousSuggestion, string corpusName, DateTime utcNow, out string? suggestion)
    {
        if (!string.IsNullOrWhiteSpace(current) && current != previousSuggestion)
        {
            suggestion = previousSuggestion;
            return current;
        }
        suggestion = $"{corpusName} {utcNow:yyyy-MM-dd HH:mm}";
        return suggestion;
    }
}
