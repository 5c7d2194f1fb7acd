using Microsoft.Data.Sqlite;
using PairwiseCL.Store;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Store;

/// <summary>A worker host runs only on the data folder the store was created with, and says which path it saw when not.</summary>
public sealed class DataFolderIdentityTests
{
    [Fact]
    public async Task AWorkerOnAnotherDataFolder_RefusesToStart_NamingThePathItSaw()
    {
        var folder = PortalFactory.NewFolder();
        try
        {
            var database = $"--Storage:DatabasePath={Path.Combine(folder, "store", "portal.db")}";
            var shared = Path.Combine(folder, "shared");
            var unmounted = Path.Combine(folder, "not-mounted");
            // The portal (or the CLI) creates the store and gives it the shared folder's identity.
            await using (await StandaloneStore.OpenAsync(StandaloneStore.LoadConfiguration([database, $"--Storage:DataFolder={shared}"]))) { }
            Assert.True(File.Exists(Path.Combine(shared, DataFolderIdentity.FileName)));

            var missing = await Assert.ThrowsAsync<DataFolderMismatchException>(() =>
                StandaloneStore.OpenAsync(StandaloneStore.LoadConfiguration([database, $"--Storage:DataFolder={unmounted}", "--Storage:VerifyDataFolder=true"])));
            Assert.Contains(unmounted, missing.Message);
            Assert.Contains($"has no {DataFolderIdentity.FileName}", missing.Message);

            // Another lab's folder: it has an identity, not this store's.
            Directory.CreateDirectory(unmounted);
            await File.WriteAllTextAsync(Path.Combine(unmounted, DataFolderIdentity.FileName), "someone-elses-folder");
            var other = await Assert.ThrowsAsync<DataFolderMismatchException>(() =>
                StandaloneStore.OpenAsync(StandaloneStore.LoadConfiguration([database, $"--Storage:DataFolder={unmounted}", "--Storage:VerifyDataFolder=true"])));
            Assert.Contains("someone-elses-folder", other.Message);

            await using (await StandaloneStore.OpenAsync(StandaloneStore.LoadConfiguration([database, $"--Storage:DataFolder={shared}", "--Storage:VerifyDataFolder=true"]))) { }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
