using Microsoft.EntityFrameworkCore;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.Workspaces;

/// <summary>Workspaces and who belongs to them with which role.</summary>
public sealed class WorkspaceRepository(IDbContextFactory<PortalDbContext> contextFactory)
{
    /// <summary>Id of the default workspace, which <see cref="StoreMigrator"/> creates.</summary>
    public async Task<int> GetDefaultIdAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var id = await db.Workspaces.AsNoTracking()
            .Where(w => w.Slug == Workspace.DefaultSlug).Select(w => (int?)w.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return id ?? throw new InvalidOperationException("The default workspace is missing: the store has not been migrated (StoreMigrator.MigrateAsync).");
    }

    /// <summary>The user's role in the workspace, or null when the user is not a member.</summary>
    public async Task<WorkspaceRole?> GetRoleAsync(int workspaceId, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId && m.UserId == userId)
            .Select(m => (WorkspaceRole?)m.Role)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Adds the user to the workspace, or changes the role of an existing member.</summary>
    public async Task SetMemberAsync(int workspaceId, string userId, WorkspaceRole role, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.WorkspaceMembers.FindAsync([workspaceId, userId], cancellationToken);
        if (member is null)
            db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = workspaceId, UserId = userId, Role = role });
        else
            member.Role = role;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Changes a member's role, or removes the member when <paramref name="role"/> is null, unless that would
    /// leave the workspace without an owner (checked and written in one transaction, so two owners demoting each
    /// other at once cannot both succeed). Returns why it was refused, or null when done.
    /// </summary>
    public async Task<string?> ChangeMemberAsync(int workspaceId, string userId, WorkspaceRole? role, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        var member = await db.WorkspaceMembers.FindAsync([workspaceId, userId], cancellationToken);
        if (member is null) return "That person is not a member of this workspace.";
        if (member.Role == WorkspaceRole.Owner && role != WorkspaceRole.Owner
            && await db.WorkspaceMembers.CountAsync(m => m.WorkspaceId == workspaceId && m.Role == WorkspaceRole.Owner, cancellationToken) == 1)
            return "The workspace's last owner cannot be demoted or removed: make another member owner first.";
        if (role is { } newRole) member.Role = newRole;
        else db.WorkspaceMembers.Remove(member);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>The members of a workspace with their e-mail and role, owners first.</summary>
    public async Task<IReadOnlyList<WorkspaceMemberSummary>> ListMembersAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var members = await db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId)
            .Select(m => new WorkspaceMemberSummary(m.UserId, m.User!.Email ?? m.User.UserName ?? m.UserId, m.User.DisplayName, m.Role, m.JoinedAtUtc))
            .ToListAsync(cancellationToken);
        return members.OrderByDescending(m => m.Role).ThenBy(m => m.Email, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
