using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Tests.Experiments;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>An exported experiment with one entry repeated (same bytes, so its SHA-256 matches) failed half-way through extraction with a 500.</summary>
[Collection(FinishedExperimentCollection.Name)]
public sealed class ExperimentArchiveTests(FinishedExperiment finished)
{
    [Fact]
    public async Task AnArchiveRepeatingAnEntryName_Is400NamingTheEntry_AndNothingIsKept()
    {
        var admin = await SignedInUsers.BrowserAsync(finished.Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var archive = await admin.GetByteArrayAsync($"/api/experiments/{finished.ExperimentId}/export");
        var before = (await admin.GetFromJsonAsync<List<ExperimentSummary>>("/api/experiments"))!.Count;

        var response = await admin.PostAsync("/api/experiments/import",
            new MultipartFormDataContent { { new ByteArrayContent(WithRepeatedEntry(archive, "report/summary.csv")), "archive", "experiment.zip" } });

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode} {body}");
        Assert.Contains("holds the file 'report/summary.csv' twice", body);
        Assert.Equal(before, (await admin.GetFromJsonAsync<List<ExperimentSummary>>("/api/experiments"))!.Count);
    }

    private static byte[] WithRepeatedEntry(byte[] archive, string name)
    {
        using var buffer = new MemoryStream();
        buffer.Write(archive);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            byte[] content;
            using (var original = zip.GetEntry(name)!.Open())
            using (var copy = new MemoryStream())
            {
                original.CopyTo(copy);
                content = copy.ToArray();
            }
            using var repeated = zip.CreateEntry(name).Open();
            repeated.Write(content);
        }
        return buffer.ToArray();
    }
}
