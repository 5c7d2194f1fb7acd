using PairwiseCL.Core.Experiments;

namespace PairwiseCL.Core.Reports;

/// <summary>The colours Figure 3 uses on the results page and in the report's PNG alike: one per method, chance and marks.</summary>
public static class MethodColours
{
    /// <summary>The chance-level line (1/classes) on UAR charts.</summary>
    public const string Chance = "#757575";

    /// <summary>Significance marks: dark and bold, so they never read as part of a method's error bar.</summary>
    public const string Marks = "#212121";

    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        [MethodNames.Supervised] = "#455a64",      // blue-grey: the baseline
        [MethodNames.PairwiseTuned] = "#e65100",   // orange
        [MethodNames.PairwiseFrozen] = "#2e7d32",  // green
    };

    /// <summary>The method's colour, or null for a method without a fixed one.</summary>
    public static string? Of(string method) => Known.GetValueOrDefault(method);
}
