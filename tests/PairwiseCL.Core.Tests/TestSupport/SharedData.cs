namespace PairwiseCL.Core.Tests.TestSupport;

/// <summary>
/// Locates `../shared` beside the repository root (the folder holding PairwiseCL.Web.sln). Under
/// CI=true a missing folder fails the test; elsewhere too, because every test that asks needs it.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Path => Root.Value;

    public static string EmoDbDev => System.IO.Path.Combine(Path, "data", "emodb-dev");

    public static string Reference(params string[] parts) =>
        System.IO.Path.Combine([Path, "data", "reference", .. parts]);

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "PairwiseCL.Web.sln")))
                    return dir.FullName;
            throw new InvalidOperationException($"No PairwiseCL.Web.sln above {AppContext.BaseDirectory}.");
        }
    }

    private static string FindRoot()
    {
        var shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared"));
        if (!Directory.Exists(System.IO.Path.Combine(shared, "data")))
            throw new InvalidOperationException(
                $"The shared data folder was not found at {shared}; clone the repository beside ../shared " +
                $"(CI={Environment.GetEnvironmentVariable("CI") ?? "unset"}).");
        return shared;
    }
}
