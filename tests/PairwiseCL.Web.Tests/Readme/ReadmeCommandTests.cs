using System.Diagnostics;
using System.Text.RegularExpressions;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Readme;

/// <summary>README's `pairwisecl` examples run as written, through the command the set-up puts on PATH.</summary>
public sealed partial class ReadmeCommandTests : IDisposable
{
    private readonly string store = PortalFactory.NewFolder();

    [Fact]
    public async Task EmoDbImportExample_RunsThroughTheWrapper_AndNamesTheCorpusAsReadmeSays()
    {
        var readme = RepositoryFiles.ReadText("README.md");
        var example = EmoDbImportExample().Match(readme);
        Assert.True(example.Success, "README's first-start steps no longer show `pairwisecl import --emodb ...`.");
        var arguments = example.Groups["args"].Value;
        var name = CorpusName().Match(arguments).Groups[1].Value;
        Assert.Equal("emodb-dev", name);

        var imported = await RunAsync(arguments);
        Assert.True(imported.ExitCode == 0, imported.Output);
        // 188 utterances of 4 speakers: the shared EmoDB subset, under the name README's next steps use.
        Assert.Matches(@"corpus\s*│\s*emodb-dev \(#1\)", imported.Output);
        Assert.Matches(@"utterances\s*│\s*188\s", imported.Output);

        var listed = await RunAsync("corpora");
        Assert.True(listed.ExitCode == 0, listed.Output);
        Assert.Contains("1 corpora in", listed.Output);
    }

    [Fact]
    public void SetUpScripts_LinkTheCommandIntoThePath()
    {
        foreach (var script in new[] { "build/portal.sh", "build/test.sh" })
            Assert.Contains("ensure_cli_command", RepositoryFiles.ReadText(script));
        Assert.Contains("/usr/local/bin/pairwisecl", RepositoryFiles.ReadText("build/prerequisites.sh"));
    }

    /// <summary>Runs build/pairwisecl (what /usr/local/bin/pairwisecl links to) from the repository root, over a temporary store.</summary>
    private async Task<(int ExitCode, string Output)> RunAsync(string arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"build/pairwisecl {arguments}");
        start.Environment["Storage__DataFolder"] = Path.Combine(store, "data");
        start.Environment["Storage__DatabasePath"] = Path.Combine(store, "store.db");
        start.Environment["Storage__FeatureCachePath"] = Path.Combine(store, "features");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(store)) Directory.Delete(store, recursive: true);
    }

    [GeneratedRegex(@"`pairwisecl (?<args>import --emodb [^`]+)`")]
    private static partial Regex EmoDbImportExample();

    [GeneratedRegex(@"--name (\S+)")]
    private static partial Regex CorpusName();
}
