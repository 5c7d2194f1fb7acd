namespace PairwiseCL.Web.Experiments;

/// <summary>An experiment job's progress as stored in its job record: the stage, units done and an ETA.</summary>
public sealed record ExperimentProgress(string Stage, int Done, int Total, string Step, double? SecondsLeft);
