using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Workspaces;
using PairwiseCL.Web.Authorization;

namespace PairwiseCL.Web.Accounts;

/// <summary>Creating accounts: the first administrator, invitations, and registration through an invitation.</summary>
public sealed class AccountService(
    UserManager<PortalUser> users,
    WorkspaceRepository workspaces,
    InvitationRepository invitations,
    CurrentWorkspace currentWorkspace,
    UserAccess access,
    IOptions<PortalOptions> options,
    ILogger<AccountService> logger)
{
    // Serialises first-administrator creation: two setup requests at once must not both succeed.
    private static readonly SemaphoreSlim SetupGate = new(1, 1);

    /// <summary>True while the store has no user at all: only then is the setup page open.</summary>
    public async Task<bool> IsSetupOpenAsync() => !await users.Users.AnyAsync();

    /// <summary>Creates the first user as owner of the default workspace; refused once any user exists.</summary>
    public async Task<AccountResult> CreateFirstAdministratorAsync(string email, string password, string displayName, CancellationToken cancellationToken = default)
    {
        await SetupGate.WaitAsync(cancellationToken);
        try
        {
            if (await users.Users.AnyAsync(cancellationToken))
                return AccountResult.Failure("The portal already has an administrator; ask them for an invitation.");
            var result = await CreateUserAsync(email, password, displayName);
            if (!result.Succeeded) return result.Result;
            await workspaces.SetMemberAsync(await currentWorkspace.GetIdAsync(cancellationToken), result.User!.Id, WorkspaceRole.Owner, cancellationToken);
            logger.LogInformation("Created the first administrator {Email}", email);
            return AccountResult.Success;
        }
        finally
        {
            SetupGate.Release();
        }
    }

    /// <summary>
    /// Creates an invitation into the current workspace; only owners may invite. Returns the token for
    /// the registration link (shown once).
    /// </summary>
    public async Task<(AccountResult Result, string? Token)> InviteAsync(string email, WorkspaceRole role, CancellationToken cancellationToken = default)
    {
        if (!await access.IsAllowedAsync(PortalPolicies.Owner))
            return (AccountResult.Failure("Only workspace owners can invite people."), null);
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@'))
            return (AccountResult.Failure("Enter the e-mail address of the person to invite."), null);
        if (await users.FindByEmailAsync(email.Trim()) is not null)
            return (AccountResult.Failure($"{email} already has an account."), null);
        var token = await invitations.CreateAsync(
            await currentWorkspace.GetIdAsync(cancellationToken), email, role, await access.GetUserIdAsync(),
            TimeSpan.FromDays(Math.Max(1, options.Value.InvitationLifetimeDays)), cancellationToken);
        logger.LogInformation("Invited {Email} as {Role}", email, role);
        return (AccountResult.Success, token);
    }

    /// <summary>The current workspace's members; owners only, as it shows everyone's e-mail.</summary>
    public async Task<IReadOnlyList<WorkspaceMemberSummary>> ListMembersAsync(CancellationToken cancellationToken = default) =>
        await access.IsAllowedAsync(PortalPolicies.Owner)
            ? await workspaces.ListMembersAsync(await currentWorkspace.GetIdAsync(cancellationToken), cancellationToken)
            : [];

    /// <summary>The current workspace's invitations not used yet; owners only.</summary>
    public async Task<IReadOnlyList<PendingInvitation>> ListPendingInvitationsAsync(CancellationToken cancellationToken = default) =>
        await access.IsAllowedAsync(PortalPolicies.Owner)
            ? await invitations.ListPendingAsync(await currentWorkspace.GetIdAsync(cancellationToken), cancellationToken)
            : [];

    /// <summary>Revokes an unused invitation of the current workspace; owners only.</summary>
    public async Task<AccountResult> RevokeInvitationAsync(int invitationId, CancellationToken cancellationToken = default)
    {
        if (!await access.IsAllowedAsync(PortalPolicies.Owner))
            return AccountResult.Failure("Only workspace owners can revoke invitations.");
        if (!await invitations.RevokeAsync(await currentWorkspace.GetIdAsync(cancellationToken), invitationId, cancellationToken))
            return AccountResult.Failure("That invitation was already used or revoked.");
        logger.LogInformation("Revoked invitation #{Id}", invitationId);
        return AccountResult.Success;
    }

    /// <summary>Changes a member's role (or removes them with a null role); owners only, and never the last owner.</summary>
    public async Task<AccountResult> ChangeMemberAsync(string userId, WorkspaceRole? role, CancellationToken cancellationToken = default)
    {
        if (!await access.IsAllowedAsync(PortalPolicies.Owner))
            return AccountResult.Failure("Only workspace owners can change or remove members.");
        var refusal = await workspaces.ChangeMemberAsync(await currentWorkspace.GetIdAsync(cancellationToken), userId, role, cancellationToken);
        if (refusal is not null) return AccountResult.Failure(refusal);
        logger.LogInformation("Member {UserId} {Change}", userId, role is { } r ? $"is now {r}" : "was removed");
        return AccountResult.Success;
    }

    /// <summary>The open invitation for a token, or null when it is unknown, used or expired.</summary>
    public Task<Invitation?> FindInvitationAsync(string? token, CancellationToken cancellationToken = default) =>
        invitations.FindOpenAsync(token ?? "", cancellationToken);

    /// <summary>Registers the invited person with the invitation's e-mail and role; the token works once.</summary>
    public async Task<AccountResult> RegisterAsync(string token, string password, string displayName, CancellationToken cancellationToken = default)
    {
        var invitation = await invitations.FindOpenAsync(token, cancellationToken);
        if (invitation is null)
            return AccountResult.Failure("This invitation is unknown, already used or expired; ask for a new one.");
        var created = await CreateUserAsync(invitation.Email, password, displayName);
        if (!created.Succeeded) return created.Result;
        if (!await invitations.TryAcceptAsync(invitation.Id, created.User!.Id, cancellationToken))
        {
            await users.DeleteAsync(created.User);
            return AccountResult.Failure("This invitation was used by someone else a moment ago.");
        }
        await workspaces.SetMemberAsync(invitation.WorkspaceId, created.User.Id, invitation.Role, cancellationToken);
        logger.LogInformation("{Email} registered through an invitation as {Role}", invitation.Email, invitation.Role);
        return AccountResult.Success;
    }

    private async Task<(bool Succeeded, AccountResult Result, PortalUser? User)> CreateUserAsync(string email, string password, string displayName)
    {
        email = email.Trim();
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email : displayName.Trim(),
        };
        var identity = await users.CreateAsync(user, password);
        return identity.Succeeded
            ? (true, AccountResult.Success, user)
            : (false, AccountResult.Failure(identity.Errors.Select(e => e.Description).ToArray()), null);
    }
}
