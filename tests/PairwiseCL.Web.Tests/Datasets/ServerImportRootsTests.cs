using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PairwiseCL.Web.Datasets;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Datasets;

public sealed class ServerImportRootsTests
{
    [Fact]
    public async Task AServerImportOutsideTheConfiguredRoots_IsRefused_AndOneInsideIsQueued()
    {
        var folder = PortalFactory.NewFolder();
        var allowed = Path.Combine(folder, "allowed");
        var elsewhere = Path.Combine(folder, "elsewhere");
        Directory.CreateDirectory(allowed);
        Directory.CreateDirectory(elsewhere);
        try
        {
            using var portal = PortalFactory.Create(folder, services =>
                services.AddSingleton(Options.Create(new DatasetOptions { ServerImportRoots = [allowed] })));
            await using var admin = await SignedInScope.AdminAsync(portal);
            var service = admin.Get<DatasetService>();

            var outside = await service.ImportFromServerAsync(CorpusSourceKind.FolderPerLabel, elsewhere, "outside");
            var sneaky = await service.ImportFromServerAsync(CorpusSourceKind.FolderPerLabel, allowed + "/../elsewhere", "sneaky");
            var inside = await service.ImportFromServerAsync(CorpusSourceKind.FolderPerLabel, allowed, "inside");

            Assert.False(outside.Accepted);
            Assert.Contains("outside the folders this portal imports from", outside.Message);
            Assert.False(sneaky.Accepted);
            Assert.True(inside.Accepted, inside.Message);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
