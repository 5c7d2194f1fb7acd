using System.Net;
using System.Text.Json;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>Anonymous /health (and a member who is no owner) learns the status only: no data path, no disk sizes.</summary>
public sealed class HealthDisclosureTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AnonymousAndNonOwnerCallers_SeeOnlyTheStatus()
    {
        await SignedInUsers.CreateAsync(portal, "health-editor@lab.test", WorkspaceRole.Editor);
        var callers = new[] { portal.CreateBrowser(), await SignedInUsers.BrowserAsync(portal, "health-editor@lab.test") };

        foreach (var caller in callers)
        {
            var response = await caller.GetAsync("/health");
            var text = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = JsonDocument.Parse(text).RootElement;
            Assert.Equal(["status"], json.EnumerateObject().Select(p => p.Name));
            Assert.Contains(json.GetProperty("status").GetString(), new[] { "Healthy", "Degraded" });
            Assert.DoesNotContain(portal.Folder, text);
        }
    }
}
