using Microsoft.EntityFrameworkCore;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.Accounts;

/// <summary>Members' personal access tokens in the store (hashes only).</summary>
public sealed class ApiTokenRepository(IDbContextFactory<PortalDbContext> contextFactory)
{
    public async Task<int> CreateAsync(string userId, string name, string prefix, string tokenHash, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var token = new ApiTokenEntity { UserId = userId, Name = name, Prefix = prefix, TokenHash = tokenHash, CreatedAtUtc = now };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return token.Id;
    }

    /// <summary>The user's tokens, newest first.</summary>
    public async Task<IReadOnlyList<ApiTokenSummary>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.Id)
            .Select(t => new ApiTokenSummary(t.Id, t.Name, t.Prefix, t.CreatedAtUtc, t.LastUsedAtUtc, t.RevokedAtUtc))
            .ToListAsync(cancellationToken);
    }

    /// <returns>False when the token is not the user's or is already revoked.</returns>
    public async Task<bool> RevokeAsync(string userId, int tokenId, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAtUtc, now), cancellationToken) > 0;
    }

    /// <summary>The owner (id and e-mail) of an unrevoked token, recording the use; null for an unknown or revoked one.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<(string UserId, string Email)?> UseAsync(string tokenHash, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var owner = await db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == tokenHash && t.RevokedAtUtc == null)
            .Select(t => new { t.Id, t.UserId, t.LastUsedAtUtc, Email = t.User!.Email ?? t.User.UserName ?? t.UserId })
            .FirstOrDefaultAsync(cancellationToken);
        if (owner is null) return null;
        // "Last used" to the minute: a write (and a WAL commit) on every API request made them queue behind each other under load.
        if (owner.LastUsedAtUtc is not { } last || now - last >= LastUsedResolution)
            await db.ApiTokens.Where(t => t.Id == owner.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAtUtc, now), cancellationToken);
        return (owner.UserId, owner.Email);
    }
}

/// <summary>A token as its owner's token page lists it (never the token itself).</summary>
public sealed record ApiTokenSummary(int Id, string Name, string Prefix, DateTime CreatedAtUtc, DateTime? LastUsedAtUtc, DateTime? RevokedAtUtc)
{
    public bool IsActive => RevokedAtUtc is null;
}
