using Microsoft.Extensions.Configuration;
using PairwiseCL.Store;

namespace PairwiseCL.Web.Tests.Store;

public sealed class SharedAppSettingsTests
{
    [Fact]
    public void TheLinkedTopLevelSettings_AreRead_AndLaterSourcesStillOverrideThem()
    {
        var overrides = new Dictionary<string, string?> { ["Storage:FeatureCachePath"] = "/elsewhere/features" };
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(overrides)
            .AddSharedAppSettings()
            .Build();

        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>()!;

        Assert.Equal("data/pairwisecl.db", storage.DatabasePath);
        Assert.Equal("/elsewhere/features", storage.FeatureCachePath);
    }

    [Fact]
    public void RelativeStoragePaths_ResolveAgainstTheCurrentDirectory()
    {
        var storage = new StorageOptions { DatabasePath = "data/lab.db" };

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "data", "lab.db"), storage.DatabaseFullPath);
        Assert.Contains($"Data Source={storage.DatabaseFullPath}", storage.SqliteConnectionString);
    }
}
