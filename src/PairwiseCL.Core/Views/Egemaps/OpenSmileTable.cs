namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>A parsed openSMILE CSV: feature names and rows of (utterance name, values).</summary>
public sealed record OpenSmileTable(IReadOnlyList<string> Columns, IReadOnlyList<(string Name, double[] Values)> Rows);
