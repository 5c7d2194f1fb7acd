namespace PairwiseCL.Web.Sharing;

/// <summary>A share link as the owner sees it (the token itself is shown only once, at creation).</summary>
public sealed record ShareLinkSummary(int Id, DateTime CreatedAtUtc, DateTime? ExpiresAtUtc, DateTime? RevokedAtUtc)
{
    public bool IsActive(DateTime now) => RevokedAtUtc is null && (ExpiresAtUtc is null || ExpiresAtUtc > now);
}

/// <summary>A newly created link: its URL path holds the token.</summary>
public sealed record CreatedShareLink(int Id, string Path);

/// <summary>The created link, or why none was created.</summary>
public sealed record ShareLinkCreation(CreatedShareLink? Link, string? Problem);
