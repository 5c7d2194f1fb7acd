using System.Net;
using System.Net.Http.Json;
using System.Diagnostics;
using PairwiseCL.Web.Tests.Experiments;
using PairwiseCL.Web.Tests.TestSupport;
using PairwiseCL.Web.Transfer;

namespace PairwiseCL.Web.Tests.Transfer;

/// <summary>
/// With the data folder on another filesystem than the temp folder (the Dockerfile's /data volume vs the
/// container's /tmp), importing an experiment answered 500 "Invalid cross-device link": the report was
/// unpacked in /tmp and moved. Here the second portal's data folder sits on /dev/shm (tmpfs), the temp
/// folder on the machine's disk.
/// </summary>
[Collection(FinishedExperimentCollection.Name)]
public sealed class ExperimentImportFilesystemTests(FinishedExperiment finished)
{
    [Fact]
    public async Task AnExperimentImports_WhenTheDataFolderIsOnAnotherFilesystemThanTemp()
    {
        var elsewhere = OtherFilesystemThanTemp();
        Assert.True(elsewhere is not null, "this test needs a writable folder on another filesystem than the temp folder (/dev/shm on Linux)");
        var folder = Path.Combine(elsewhere, $"pairwisecl-web-tests-{Guid.NewGuid():N}");
        var source = await SignedInUsers.BrowserAsync(finished.Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var archive = await source.GetByteArrayAsync($"/api/experiments/{finished.ExperimentId}/export");
        try
        {
            using var other = PortalFactory.Create(folder);
            var target = await SignedInUsers.BrowserAsync(other, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

            var response = await target.PostAsync("/api/experiments/import",
                new MultipartFormDataContent { { new ByteArrayContent(archive), "archive", "experiment.zip" } });

            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode} {body}");
            var imported = (await response.Content.ReadFromJsonAsync<ImportOutcome>())!.ExperimentId!.Value;
            Assert.Equal(await source.GetStringAsync($"/api/experiments/{finished.ExperimentId}/files/summary.csv"),
                await target.GetStringAsync($"/api/experiments/{imported}/files/summary.csv"));
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folder, "data", "uploads"))); // staging removed
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private static string? OtherFilesystemThanTemp()
    {
        var temp = Device(Path.GetTempPath());
        return new[] { "/dev/shm", "/run/shm" }.FirstOrDefault(candidate =>
            Directory.Exists(candidate) && Device(candidate) is { } device && device != temp && Writable(candidate));
    }

    /// <summary>The filesystem's device number, from coreutils' stat (.NET has no API for it).</summary>
    private static string? Device(string path)
    {
        var start = new ProcessStartInfo("stat") { RedirectStandardOutput = true, RedirectStandardError = true, ArgumentList = { "-c", "%d", path } };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 && output.Length > 0 ? output : null;
    }

    private static bool Writable(string folder)
    {
        try
        {
            var probe = Path.Combine(folder, $"pairwisecl-probe-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
