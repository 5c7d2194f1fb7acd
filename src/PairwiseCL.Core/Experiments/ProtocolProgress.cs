using PairwiseCL.Core.Training;

namespace PairwiseCL.Core.Experiments;

/// <summary>
/// Progress of a protocol: work units done of the planned total (a pre-training counts as many units as
/// the fine-tuning runs it serves cost on average), the current step, and the time left priced per kind of
/// work (null until every kind left has been measured; <see cref="Progress.RemainingTimeEstimate"/>).
/// <see cref="Epoch"/> is the latest epoch of the training that <see cref="Step"/> names (pre-training or
/// fine-tuning), null between trainings.
/// </summary>
public sealed record ProtocolProgress(int Done, int Total, string Step, TimeSpan Elapsed, TimeSpan? EstimatedRemaining, TrainingProgress? Epoch = null);
