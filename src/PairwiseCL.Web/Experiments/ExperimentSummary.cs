using PairwiseCL.Store.Entities;

namespace PairwiseCL.Web.Experiments;

/// <summary>
/// One experiment as the list and results pages show it, with the state of its job. An experiment imported
/// from another portal (<see cref="Imported"/>) has no corpus here (<see cref="CorpusId"/> null) and no job.
/// <see cref="Kind"/> is <see cref="ExperimentKinds.Protocol"/> or <see cref="ExperimentKinds.ActiveLearning"/> (no runs; learning curves).
/// </summary>
public sealed record ExperimentSummary(
    int Id,
    string Name,
    int? CorpusId,
    string CorpusName,
    string ConfigurationHash,
    DateTime CreatedAtUtc,
    long? JobId,
    JobState? State,
    string? ProgressJson,
    string? Error,
    int Runs,
    bool Imported = false,
    string Kind = ExperimentKinds.Protocol)
{
    public bool IsActiveLearning => Kind == ExperimentKinds.ActiveLearning;
}
