namespace PairwiseCL.Core.Corpora;

/// <summary>
/// What a leave-one-out fold leaves out: a recording session (the paper's protocol on IEMOCAP, whose sessions
/// each hold two speakers) or a speaker (corpora whose sessions are not speaker-disjoint).
/// </summary>
public enum FoldScheme
{
    LeaveOneSessionOut = 0,
    LeaveOneSpeakerOut = 1,
}
