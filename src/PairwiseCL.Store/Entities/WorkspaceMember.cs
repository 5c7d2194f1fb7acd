namespace PairwiseCL.Store.Entities;

/// <summary>A user's role in one workspace.</summary>
public sealed class WorkspaceMember
{
    public int WorkspaceId { get; set; }

    public Workspace? Workspace { get; set; }

    public required string UserId { get; set; }

    public PortalUser? User { get; set; }

    public WorkspaceRole Role { get; set; }

    public DateTime JoinedAtUtc { get; set; } = DateTime.UtcNow;
}
