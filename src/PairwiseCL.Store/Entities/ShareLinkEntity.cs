namespace PairwiseCL.Store.Entities;

/// <summary>
/// A read-only link to one experiment's results for people without an account. Only the SHA-256 of
/// the token is stored, so a copy of the database does not reveal working links.
/// </summary>
public sealed class ShareLinkEntity
{
    public int Id { get; set; }

    public int ExperimentId { get; set; }

    public ExperimentEntity? Experiment { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token in the link.</summary>
    public required string TokenHash { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;

    /// <summary>After this instant the link answers 404; null = no expiry.</summary>
    public DateTime? ExpiresAtUtc { get; set; }

    /// <summary>When an owner revoked the link; a revoked link answers 404.</summary>
    public DateTime? RevokedAtUtc { get; set; }
}
