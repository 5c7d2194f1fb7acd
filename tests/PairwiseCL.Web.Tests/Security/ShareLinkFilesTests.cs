using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Web.Results;
using PairwiseCL.Web.Sharing;
using PairwiseCL.Web.Tests.Experiments;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>
/// A share link serves what its page offers (summary.csv and the figures) and nothing else of the report:
/// no model weights or configuration, no runs.json, no report-content.json with utterance ids.
/// </summary>
[Collection(FinishedExperimentCollection.Name)]
public sealed class ShareLinkFilesTests(FinishedExperiment finished)
{
    [Fact]
    public async Task AShareLink_ServesOnlyTheDownloadsItsPageOffers()
    {
        var portal = finished.Portal;
        await using var db = await portal.CreateDbContextAsync();
        var ownerId = await db.Users.Where(u => u.Email == PortalFactory.AdminEmail).Select(u => u.Id).SingleAsync();
        CreatedShareLink link;
        using (var scope = SignedInUsers.ScopeAs(portal, ownerId))
            link = (await scope.ServiceProvider.GetRequiredService<ShareLinkService>().CreateAsync(finished.ExperimentId, null)).Link!;
        var prefix = ReportFolder.RelativeFolder(finished.ExperimentId) + "/";
        var files = await db.Artifacts.Where(a => a.ExperimentId == finished.ExperimentId && a.Path.StartsWith(prefix)).Select(a => a.Path.Substring(prefix.Length)).ToListAsync();
        Assert.Contains(files, f => f.StartsWith("models/", StringComparison.Ordinal) && f.EndsWith("model.bin", StringComparison.Ordinal));
        var anonymous = portal.CreateBrowser();

        var page = await (await anonymous.GetAsync(link.Path)).Content.ReadAsStringAsync();
        foreach (var file in files)
        {
            var response = await anonymous.GetAsync($"{link.Path}/files/{file}");
            var offered = page.Contains($"/files/{file}\"", StringComparison.Ordinal);
            Assert.True(offered == (response.StatusCode == HttpStatusCode.OK), $"{file}: {response.StatusCode}, offered on the page: {offered}");
        }
        Assert.Contains(files, f => f == ReportFolder.SummaryFile);
        foreach (var hidden in new[] { "runs.json", "runs.csv", ReportFolder.ContentFile, "configuration.json", "report.md" })
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{link.Path}/files/{hidden}")).StatusCode);
    }
}
