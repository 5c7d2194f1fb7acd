using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Reports;

namespace PairwiseCL.Web.Results;

/// <summary>
/// Colours that keep their meaning across pages: one fixed colour per method, one per emotion label name
/// (the same on every corpus, every t-SNE map and every distribution chart), and a list of clearly distinct
/// colours for charts with many series (Compare).
/// </summary>
public static class ChartPalette
{
    /// <summary>The chance-level line (1/classes) on UAR charts.</summary>
    public const string Chance = MethodColours.Chance;

    /// <summary>Significance marks: dark and bold, so they never read as part of a method's error bar.</summary>
    public const string Marks = MethodColours.Marks;

    // Glasbey-style categorical colours: neighbours differ in hue and lightness; 20 before any repeats.
    private static readonly string[] Distinct =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f",
        "#393b79", "#ad494a", "#637939", "#e7ba52", "#3182bd", "#843c39", "#7b4173", "#31a354", "#fd8d3c", "#000000",
    ];

    // The usual emotion names get hand-picked colours; any other name a colour derived from the name itself.
    private static readonly Dictionary<string, string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["neutral"] = "#1f77b4", ["anger"] = "#d62728", ["angry"] = "#d62728", ["sadness"] = "#9467bd", ["sad"] = "#9467bd",
        ["happiness"] = "#ff7f0e", ["happy"] = "#ff7f0e", ["fear"] = "#2ca02c", ["fearful"] = "#2ca02c",
        ["disgust"] = "#8c564b", ["boredom"] = "#7f7f7f", ["calm"] = "#17becf", ["surprise"] = "#e377c2", ["surprised"] = "#e377c2",
    };

    public static IReadOnlyList<string> Series => Distinct;

    public static string Method(string method) => MethodColours.Of(method) ?? Named(method);

    public static string Label(string label) => Labels.TryGetValue(label.Trim(), out var colour) ? colour : Named(label.Trim().ToLowerInvariant());

    /// <summary>The i-th colour of a many-series chart; distinct for the first 20.</summary>
    public static string SeriesColour(int index) => Distinct[index % Distinct.Length];

    // FNV-1a over the name: stable across processes (string.GetHashCode is randomised per process).
    private static string Named(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name)
            hash = (hash ^ c) * 16777619u;
        return Distinct[hash % (uint)Distinct.Length];
    }
}
