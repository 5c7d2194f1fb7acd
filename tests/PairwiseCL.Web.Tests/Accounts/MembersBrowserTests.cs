using Microsoft.Playwright;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Tests.TestSupport;
using Xunit.Abstractions;

namespace PairwiseCL.Web.Tests.Accounts;

/// <summary>
/// The Members page in a real browser: an invitation appears as pending with a copy button and disappears once
/// revoked (after a confirmation); a member's role changes and a member is removed, each after a confirmation;
/// the last owner cannot be demoted.
/// </summary>
public sealed class MembersBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private BrowserPortal? browser;

    public async Task InitializeAsync() => browser = await BrowserPortal.StartAsync(output);

    [Fact]
    public async Task AnOwner_InvitesRevokesAndChangesRoles()
    {
        var page = await browser!.SignedInPageAsync();
        await page.GotoAsync("workspace/members");
        await Assertions.Expect(page.Locator("[data-testid=members]")).ToHaveAttributeAsync("data-interactive", "yes");
        await Assertions.Expect(page.Locator("[data-testid=no-pending]")).ToBeVisibleAsync();

        await page.Locator(".pcl-invite-email input").FillAsync("guest@lab.test");
        await page.Locator(".pcl-invite").ClickAsync();
        await Assertions.Expect(page.Locator(".pcl-secret-value")).ToContainTextAsync("Account/Register?token=");
        await Assertions.Expect(page.Locator(".pcl-copy")).ToBeVisibleAsync();
        var invitations = page.Locator(".pcl-invitation-table");
        await Assertions.Expect(invitations).ToContainTextAsync("guest@lab.test");
        await BrowserPortal.ScreenshotAsync(page, "members");

        await invitations.GetByRole(AriaRole.Button, new() { Name = "Revoke the invitation of guest@lab.test" }).ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("Revoke the invitation of guest@lab.test?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=no-pending]")).ToBeVisibleAsync();

        // The only owner cannot step down: the refusal says why and the role stays.
        var ownerRow = MemberRow(page, PortalFactory.AdminEmail);
        await ChooseRoleAsync(page, ownerRow, WorkspaceRole.Editor);
        await Assertions.Expect(page.Locator(".mud-snackbar.mud-alert-filled-warning")).ToContainTextAsync("last owner");
        await Assertions.Expect(ownerRow.Locator(".pcl-member-role input")).ToHaveValueAsync(WorkspaceRole.Owner.ToString());
    }

    [Fact]
    public async Task AnOwner_ChangesAMembersRole_AndRemovesThem_AfterConfirming()
    {
        await browser!.AddMemberAsync("viewer@lab.test", WorkspaceRole.Viewer);
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("workspace/members");
        await Assertions.Expect(page.Locator("[data-testid=members]")).ToHaveAttributeAsync("data-interactive", "yes");
        var row = MemberRow(page, "viewer@lab.test");
        var dialog = page.Locator(".mud-dialog");

        // Cancelling leaves the stored role; confirming changes it, and a reload reads the new role from the store.
        await ChooseRoleAsync(page, row, WorkspaceRole.Editor, confirm: false);
        await Assertions.Expect(row.Locator(".pcl-member-role input")).ToHaveValueAsync(WorkspaceRole.Viewer.ToString());
        await ChooseRoleAsync(page, row, WorkspaceRole.Editor);
        await Assertions.Expect(page.Locator(".mud-snackbar.mud-alert-filled-success")).ToContainTextAsync("viewer@lab.test is now an Editor.");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-testid=members]")).ToHaveAttributeAsync("data-interactive", "yes");
        await Assertions.Expect(row.Locator(".pcl-member-role input")).ToHaveValueAsync(WorkspaceRole.Editor.ToString());

        await row.GetByRole(AriaRole.Button, new() { Name = "Remove viewer@lab.test" }).ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Remove viewer@lab.test from this workspace?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar.mud-alert-filled-success")).ToContainTextAsync("viewer@lab.test was removed.");
        await Assertions.Expect(page.Locator(".pcl-member-table")).Not.ToContainTextAsync("viewer@lab.test");
        await Assertions.Expect(page.Locator(".pcl-member-table")).ToContainTextAsync(PortalFactory.AdminEmail);
    }

    private static ILocator MemberRow(IPage page, string email) =>
        page.Locator(".pcl-member-table tbody tr", new() { HasTextString = email });

    /// <summary>Picks a role in the row's select and answers the confirmation it asks.</summary>
    private static async Task ChooseRoleAsync(IPage page, ILocator row, WorkspaceRole role, bool confirm = true)
    {
        await row.Locator(".pcl-member-role").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = role.ToString() }).ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync($"{role}?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = confirm ? $"Make {role}" : "Cancel" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
    }
}
