namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>The repository root (the folder holding PairwiseCL.Web.sln) and files in it, for tests of README and build/.</summary>
public static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "PairwiseCL.Web.sln")))
                    return dir.FullName;
            throw new InvalidOperationException($"No PairwiseCL.Web.sln above {AppContext.BaseDirectory}.");
        }
    }

    public static string ReadText(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));
}
