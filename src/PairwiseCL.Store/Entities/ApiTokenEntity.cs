namespace PairwiseCL.Store.Entities;

/// <summary>
/// A member's personal access token for scripts (<c>Authorization: Bearer</c>). Only the SHA-256 of the
/// token is stored; the token acts with its owner's current workspace role until it is revoked.
/// </summary>
public sealed class ApiTokenEntity
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public PortalUser? User { get; set; }

    /// <summary>What the member called it ("laptop script").</summary>
    public required string Name { get; set; }

    /// <summary>The token's first characters, so a member can tell their tokens apart; not enough to use one.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public required string TokenHash { get; set; }

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;

    public DateTime? LastUsedAtUtc { get; set; }

    /// <summary>When it was revoked; a revoked token authenticates nothing.</summary>
    public DateTime? RevokedAtUtc { get; set; }
}
