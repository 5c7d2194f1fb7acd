namespace PairwiseCL.Store.Entities;

/// <summary>
/// A one-time invitation to register into a workspace with a role. Only the SHA-256 of the token is
/// stored, so a leaked database does not hand out accounts.
/// </summary>
public sealed class Invitation
{
    public int Id { get; set; }

    public int WorkspaceId { get; set; }

    public Workspace? Workspace { get; set; }

    public required string Email { get; set; }

    public WorkspaceRole Role { get; set; }

    public required string TokenHash { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? AcceptedAtUtc { get; set; }

    public string? AcceptedByUserId { get; set; }
}
