using System.Net;
using System.Text.Json;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Health;

public sealed class HealthEndpointTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task HealthReportsDatabaseDataFolderAndComputeDevice_ToAnOwner()
    {
        using var client = await SignedInUsers.BrowserAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("CPU", checks.GetProperty("computeDevice").GetProperty("data").GetProperty("device").GetString());
        var dataFolder = checks.GetProperty("dataFolder");
        Assert.True(dataFolder.GetProperty("data").GetProperty("freeBytes").GetInt64() > 0);
        Assert.StartsWith(portal.Folder, dataFolder.GetProperty("data").GetProperty("path").GetString());
        Assert.Contains(json.RootElement.GetProperty("status").GetString(), new[] { "Healthy", "Degraded" });
    }
}
