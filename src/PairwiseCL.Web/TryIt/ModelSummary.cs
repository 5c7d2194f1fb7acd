namespace PairwiseCL.Web.TryIt;

/// <summary>A fine-tuned model of a finished experiment, as the Try it page and the API list it.</summary>
public sealed record ModelSummary(string Name, string View, string Method, IReadOnlyList<string> ClassNames, double FractionPercent);
