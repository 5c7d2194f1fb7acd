namespace PairwiseCL.Core.Experiments;

/// <summary>
/// Progress of a protocol: work units done of the planned total (a pre-training counts as many units as
/// the fine-tuning runs it serves cost on average), the current step, and an estimate of the time left
/// from the average time per unit so far.
/// </summary>
public sealed record ProtocolProgress(int Done, int Total, string Step, TimeSpan Elapsed, TimeSpan EstimatedRemaining);
