using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Store;

public sealed class StandaloneStoreTests
{
    [Fact]
    public async Task ACorpusImportedOutsideThePortal_IsListedByThePortalOnTheSameFile()
    {
        var folder = PortalFactory.NewFolder();
        try
        {
            // What the CLI does: the same settings keys, overridden here by command-line style arguments.
            var configuration = StandaloneStore.LoadConfiguration([$"--Storage:DatabasePath={Path.Combine(folder, "store", "portal.db")}"]);
            await using (var cli = await StandaloneStore.OpenAsync(configuration))
                await cli.GetRequiredService<CorpusRepository>().SaveAsync(SampleCorpora.Iemocap("imported-by-cli"));

            using var portal = PortalFactory.Create(folder);
            var browser = portal.CreateBrowser();
            await Browser.SignInAsync(browser, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
            var page = await browser.GetAsync("/corpora");

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("imported-by-cli", await page.Content.ReadAsStringAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
