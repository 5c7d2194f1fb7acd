namespace PairwiseCL.Core.Corpora.Importers;

/// <summary>How many audio files of an import have been checked so far.</summary>
public sealed record ImportProgress(int Done, int Total, string CurrentFile);
