using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Health;

/// <summary>
/// `pairwisecl loadtest` loads only a portal on this machine and reports each target's figures; what the
/// figures are is not asserted (a test never times anything), only that they are reported without errors.
/// </summary>
public sealed class LoadTestCommandTests
{
    [Theory]
    [InlineData("http://example.com")]
    [InlineData("http://10.0.0.8:5080")]
    public async Task AnAddressOffThisMachine_IsRefused(string url)
    {
        var (exitCode, output) = await CliProcess.RunAsync($"loadtest --url {url} --targets health --seconds 1");

        Assert.Equal(2, exitCode);
        Assert.Contains("is not a loopback address", output);
    }

    [Fact]
    public async Task APortalOnLoopback_GetsItsHealthFiguresReported()
    {
        var folder = PortalFactory.NewFolder();
        try
        {
            using var portal = await PortalProcess.StartAsync(folder, 30, TimeSpan.FromSeconds(180));

            var (exitCode, output) = await CliProcess.RunAsync($"loadtest --url {portal.BaseAddress} --targets health --clients 2 --seconds 1");

            Assert.True(exitCode == 0, output);
            Assert.Contains("requests/s", output);
            Assert.Matches(@"│ health\s+│ \d+\s+│ [\d.]+\s+│ [\d.]+\s+│ [\d.]+\s+│ 0 ", output);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
