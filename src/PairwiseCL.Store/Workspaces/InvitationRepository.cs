using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.Workspaces;

/// <summary>
/// Invitation tokens: 32 random bytes handed out once as URL-safe text; only their SHA-256 is stored.
/// </summary>
public sealed class InvitationRepository(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>Creates an invitation and returns the token to put into the link (it cannot be recovered later).</summary>
    public async Task<string> CreateAsync(int workspaceId, string email, WorkspaceRole role, string? createdByUserId, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var token = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Invitations.Add(new Invitation
        {
            WorkspaceId = workspaceId,
            Email = email.Trim(),
            Role = role,
            TokenHash = Hash(token),
            CreatedByUserId = createdByUserId,
            CreatedAtUtc = now,
            ExpiresAtUtc = now + lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The open (unused, unexpired) invitation for a token, or null.</summary>
    public async Task<Invitation?> FindOpenAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Invitations.AsNoTracking()
            .FirstOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAtUtc == null && i.ExpiresAtUtc > now, cancellationToken);
    }

    /// <summary>
    /// Marks the invitation used by <paramref name="userId"/>; false when someone else used it first
    /// (the update only matches an open invitation, so a token works exactly once).
    /// </summary>
    public async Task<bool> TryAcceptAsync(int invitationId, string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var updated = await db.Invitations
            .Where(i => i.Id == invitationId && i.AcceptedAtUtc == null && i.ExpiresAtUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAtUtc, now).SetProperty(i => i.AcceptedByUserId, userId), cancellationToken);
        return updated == 1;
    }

    /// <summary>The workspace's invitations not used yet and not expired, newest first.</summary>
    public async Task<IReadOnlyList<PendingInvitation>> ListPendingAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var pending = await db.Invitations.AsNoTracking()
            .Where(i => i.WorkspaceId == workspaceId && i.AcceptedAtUtc == null && i.ExpiresAtUtc > now)
            .Select(i => new PendingInvitation(i.Id, i.Email, i.Role, i.CreatedAtUtc, i.ExpiresAtUtc))
            .ToListAsync(cancellationToken);
        return [.. pending.OrderByDescending(i => i.CreatedAtUtc)];
    }

    /// <summary>Deletes an unused invitation of the workspace, so its link stops working; false when there is none.</summary>
    public async Task<bool> RevokeAsync(int workspaceId, int invitationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Invitations
            .Where(i => i.Id == invitationId && i.WorkspaceId == workspaceId && i.AcceptedAtUtc == null)
            .ExecuteDeleteAsync(cancellationToken) == 1;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
