using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Accounts;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Accounts;

/// <summary>
/// Owners see pending invitations and revoke them, change roles and remove members; nobody else can, and the
/// workspace never loses its last owner.
/// </summary>
public sealed class MemberManagementTests : IDisposable
{
    private readonly PortalFactory portal = new();

    public void Dispose() => portal.Dispose();

    [Fact]
    public async Task AnOwner_ListsAndRevokesInvitations_AndARevokedLinkNoLongerRegisters()
    {
        await using var owner = await SignedInScope.AdminAsync(portal);
        var accounts = owner.Get<AccountService>();
        var (_, token) = await accounts.InviteAsync("new@lab.test", WorkspaceRole.Editor);

        var pending = Assert.Single(await accounts.ListPendingInvitationsAsync());
        Assert.Equal(("new@lab.test", WorkspaceRole.Editor), (pending.Email, pending.Role));
        Assert.True((await accounts.RevokeInvitationAsync(pending.Id)).Succeeded);

        Assert.Empty(await accounts.ListPendingInvitationsAsync());
        Assert.Null(await accounts.FindInvitationAsync(token));
        Assert.False((await accounts.RevokeInvitationAsync(pending.Id)).Succeeded);
    }

    [Fact]
    public async Task AnOwner_ChangesRolesAndRemovesMembers_ButNeverTheLastOwner()
    {
        await using var owner = await SignedInScope.AdminAsync(portal);
        await using var member = await SignedInScope.MemberAsync(portal, "member@lab.test", WorkspaceRole.Viewer);
        var accounts = owner.Get<AccountService>();

        Assert.True((await accounts.ChangeMemberAsync(member.UserId, WorkspaceRole.Editor)).Succeeded);
        Assert.Equal(WorkspaceRole.Editor, (await accounts.ListMembersAsync()).Single(m => m.UserId == member.UserId).Role);

        var demoteSelf = await accounts.ChangeMemberAsync(owner.UserId, WorkspaceRole.Editor);
        var removeSelf = await accounts.ChangeMemberAsync(owner.UserId, null);
        Assert.False(demoteSelf.Succeeded);
        Assert.Contains("last owner", demoteSelf.Errors.Single());
        Assert.False(removeSelf.Succeeded);
        Assert.Equal(WorkspaceRole.Owner, (await accounts.ListMembersAsync()).Single(m => m.UserId == owner.UserId).Role);

        // With a second owner, the first may step down.
        Assert.True((await accounts.ChangeMemberAsync(member.UserId, WorkspaceRole.Owner)).Succeeded);
        Assert.True((await accounts.ChangeMemberAsync(owner.UserId, WorkspaceRole.Editor)).Succeeded);
        Assert.True((await member.Get<AccountService>().ChangeMemberAsync(owner.UserId, null)).Succeeded);
        Assert.DoesNotContain(await member.Get<AccountService>().ListMembersAsync(), m => m.UserId == owner.UserId);
    }

    [Theory]
    [InlineData(WorkspaceRole.Viewer)]
    [InlineData(WorkspaceRole.Editor)]
    public async Task NoOneButAnOwner_ManagesMembers(WorkspaceRole role)
    {
        await using var owner = await SignedInScope.AdminAsync(portal);
        var (_, token) = await owner.Get<AccountService>().InviteAsync("pending@lab.test", WorkspaceRole.Viewer);
        var invitation = (await owner.Get<AccountService>().FindInvitationAsync(token))!;
        await using var someone = await SignedInScope.MemberAsync(portal, $"{role}@lab.test", role);
        var accounts = someone.Get<AccountService>();

        Assert.Empty(await accounts.ListPendingInvitationsAsync());
        Assert.False((await accounts.RevokeInvitationAsync(invitation.Id)).Succeeded);
        Assert.False((await accounts.ChangeMemberAsync(someone.UserId, WorkspaceRole.Owner)).Succeeded);
        Assert.False((await accounts.ChangeMemberAsync(owner.UserId, null)).Succeeded);
        Assert.NotNull(await owner.Get<AccountService>().FindInvitationAsync(token));
        Assert.Equal(role, (await owner.Get<AccountService>().ListMembersAsync()).Single(m => m.UserId == someone.UserId).Role);
    }
}
