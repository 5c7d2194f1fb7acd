using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.Workspaces;

/// <summary>A member as the members page shows them.</summary>
public sealed record WorkspaceMemberSummary(string UserId, string Email, string DisplayName, WorkspaceRole Role, DateTime JoinedAtUtc);
