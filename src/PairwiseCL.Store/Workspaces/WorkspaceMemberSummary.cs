using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.Workspaces;

/// <summary>A member as the members page shows them.</summary>
/// <summary>An invitation sent and not used yet: the owner sees it, and can revoke it.</summary>
public sealed record PendingInvitation(int Id, string Email, WorkspaceRole Role, DateTime CreatedAtUtc, DateTime ExpiresAtUtc);

public sealed record WorkspaceMemberSummary(string UserId, string Email, string DisplayName, WorkspaceRole Role, DateTime JoinedAtUtc);
