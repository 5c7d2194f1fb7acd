namespace PairwiseCL.Store.Entities;

/// <summary>What a member may do; ordered so that a higher value includes the rights of the lower ones.</summary>
public enum WorkspaceRole
{
    Viewer = 0,
    Editor = 1,
    Owner = 2,
}
