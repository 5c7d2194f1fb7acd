using PairwiseCL.Core.Views.Mel;

namespace PairwiseCL.Core.Views;

/// <summary>Creates the views by their names ("mel", ...), with the paper's configurations.</summary>
public static class FeatureViewCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["mel"];

    public static IFeatureView Create(string name) => name switch
    {
        "mel" => new LogMelView(),
        _ => throw new ArgumentException($"Unknown view '{name}'; known views: {string.Join(", ", Names)}.", nameof(name)),
    };
}
