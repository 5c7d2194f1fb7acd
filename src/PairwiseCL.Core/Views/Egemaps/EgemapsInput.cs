namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>One audio file to extract, under the name its CSV rows carry.</summary>
public sealed record EgemapsInput(string Name, string AudioPath);
