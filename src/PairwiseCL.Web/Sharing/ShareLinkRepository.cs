using Microsoft.EntityFrameworkCore;
using PairwiseCL.Store;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Web.Sharing;

/// <summary>Share links in the store.</summary>
public sealed class ShareLinkRepository(IDbContextFactory<PortalDbContext> contextFactory)
{
    public async Task<int> CreateAsync(int experimentId, string tokenHash, string? userId, DateTime createdAtUtc, DateTime? expiresAtUtc, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var link = new ShareLinkEntity
        {
            ExperimentId = experimentId, TokenHash = tokenHash, CreatedByUserId = userId, CreatedAtUtc = createdAtUtc, ExpiresAtUtc = expiresAtUtc,
        };
        db.ShareLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return link.Id;
    }

    public async Task<IReadOnlyList<ShareLinkSummary>> ListAsync(int experimentId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ShareLinks.AsNoTracking().Where(s => s.ExperimentId == experimentId).OrderByDescending(s => s.Id)
            .Select(s => new ShareLinkSummary(s.Id, s.CreatedAtUtc, s.ExpiresAtUtc, s.RevokedAtUtc))
            .ToListAsync(cancellationToken);
    }

    /// <returns>False when the link is not one of the experiment's or is already revoked.</returns>
    public async Task<bool> RevokeAsync(int experimentId, int linkId, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ShareLinks.Where(s => s.Id == linkId && s.ExperimentId == experimentId && s.RevokedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAtUtc, now), cancellationToken) > 0;
    }

    /// <summary>The experiment and workspace a live (unrevoked, unexpired) link opens, or null.</summary>
    public async Task<(int ExperimentId, int WorkspaceId)?> ResolveAsync(string tokenHash, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.ShareLinks.AsNoTracking()
            .Where(s => s.TokenHash == tokenHash && s.RevokedAtUtc == null)
            .Select(s => new { s.ExperimentId, s.Experiment!.WorkspaceId, s.ExpiresAtUtc })
            .FirstOrDefaultAsync(cancellationToken);
        return link is null || (link.ExpiresAtUtc is { } expiry && expiry <= now) ? null : (link.ExperimentId, link.WorkspaceId);
    }
}
