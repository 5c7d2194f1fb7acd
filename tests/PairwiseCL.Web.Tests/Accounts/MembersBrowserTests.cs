using Microsoft.Playwright;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Accounts;

/// <summary>
/// The Members page in a real browser: an invitation appears as pending with a copy button and disappears once
/// revoked (after a confirmation); a role changes after a confirmation; the last owner cannot be demoted.
/// </summary>
public sealed class MembersBrowserTests : IAsyncLifetime
{
    private BrowserPortal? browser;

    public async Task InitializeAsync() => browser = await BrowserPortal.StartAsync();

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
        await page.Locator(".pcl-member-role").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Editor" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Make Editor" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar.mud-alert-filled-warning")).ToContainTextAsync("last owner");
        await Assertions.Expect(page.Locator(".pcl-member-role input").First).ToHaveValueAsync(WorkspaceRole.Owner.ToString());
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
    }
}
