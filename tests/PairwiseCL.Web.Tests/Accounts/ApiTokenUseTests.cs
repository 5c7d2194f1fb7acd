using PairwiseCL.Store.Accounts;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Accounts;

/// <summary>
/// A token's "last used" is kept to the minute: recording every API request wrote to the store on every
/// request, and those writes queued behind each other under load.
/// </summary>
public sealed class ApiTokenUseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task LastUsed_IsWrittenAtMostOncePerMinute()
    {
        await using var admin = await SignedInScope.AdminAsync(portal);
        var tokens = portal.Get<ApiTokenRepository>();
        var start = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        await tokens.CreateAsync(admin.UserId, "script", "pcl_test00", "hash-of-a-test-token", start);

        Assert.NotNull(await tokens.UseAsync("hash-of-a-test-token", start.AddSeconds(1)));
        Assert.NotNull(await tokens.UseAsync("hash-of-a-test-token", start.AddSeconds(50)));
        var withinTheMinute = Assert.Single(await tokens.ListAsync(admin.UserId)).LastUsedAtUtc;
        Assert.NotNull(await tokens.UseAsync("hash-of-a-test-token", start.AddSeconds(70)));
        var later = Assert.Single(await tokens.ListAsync(admin.UserId)).LastUsedAtUtc;

        Assert.Equal(start.AddSeconds(1), withinTheMinute);
        Assert.Equal(start.AddSeconds(70), later);
    }
}
