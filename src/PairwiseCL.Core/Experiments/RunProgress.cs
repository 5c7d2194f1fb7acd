namespace PairwiseCL.Core.Experiments;

/// <summary>A fine-tuning run just finished (or was found stored), with how many of the protocol's runs are done.</summary>
public sealed record RunProgress(RunResult Run, int Finished, int Planned);
