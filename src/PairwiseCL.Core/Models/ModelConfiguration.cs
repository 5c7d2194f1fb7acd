namespace PairwiseCL.Core.Models;

/// <summary>
/// What a saved fine-tuned model needs to be rebuilt and fed: the view and the key of the view
/// configuration its features came from, the architecture, the class names in logit order, and how it
/// was trained (method, label fraction, pre-training temperature).
/// </summary>
/// <param name="Name">Stable name within an experiment: "{view}-{method}".</param>
/// <param name="ViewConfigurationKey">The <c>IFeatureView.ConfigurationKey</c> of the training features; empty when unknown.</param>
public sealed record ModelConfiguration(
    string Name,
    string View,
    string ViewConfigurationKey,
    string Method,
    ModelArchitecture Architecture,
    IReadOnlyList<string> ClassNames,
    double FractionPercent,
    double Temperature)
{
    public static string NameOf(string view, string method) => $"{view}-{method}";
}
