using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Tests.Experiments;
using PairwiseCL.Web.Tests.TestSupport;
using PairwiseCL.Web.Transfer;

namespace PairwiseCL.Web.Tests.Transfer;

[Collection(FinishedExperimentCollection.Name)]
public sealed class ExperimentTransferTests(FinishedExperiment finished)
{
    [Fact]
    public async Task ExportedExperiment_ImportsIntoAnotherPortal_WithReadOnlyResultsAndWorkingModels()
    {
        var source = await SignedInUsers.BrowserAsync(finished.Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var archive = await source.GetByteArrayAsync($"/api/experiments/{finished.ExperimentId}/export");
        var originalSummary = await source.GetStringAsync($"/api/experiments/{finished.ExperimentId}/files/summary.csv");
        using (var zip = new ZipArchive(new MemoryStream(archive)))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains(ExperimentArchiveManifest.FileName, names);
            Assert.Contains("report/report.md", names);
            Assert.Contains("report/runs.csv", names);
            Assert.Contains("report/models/mel-supervised/model.bin", names);
            Assert.Contains(names, n => n.StartsWith("report/figures/", StringComparison.Ordinal) && n.EndsWith(".png", StringComparison.Ordinal));
        }

        using var other = PortalFactory.Create();
        var target = await SignedInUsers.BrowserAsync(other, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var response = await target.PostAsync("/api/experiments/import", Archive(archive));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var imported = (await response.Content.ReadFromJsonAsync<ImportOutcome>())!.ExperimentId!.Value;

        var listed = (await target.GetFromJsonAsync<List<ExperimentSummary>>("/api/experiments"))!.Single(e => e.Id == imported);
        Assert.True(listed.Imported);
        Assert.Null(listed.CorpusId);
        Assert.Equal(finished.Draft.Name, listed.Name);
        // The list counts the imported runs, as the source portal does.
        var sourceRuns = (await source.GetFromJsonAsync<List<ExperimentSummary>>("/api/experiments"))!.Single(e => e.Id == finished.ExperimentId).Runs;
        Assert.True(sourceRuns > 0);
        Assert.Equal(sourceRuns, listed.Runs);
        // The same archive again is refused, naming the experiment it already is; nothing new is listed.
        var again = await target.PostAsync("/api/experiments/import", Archive(archive));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains($"already imported as experiment #{imported}", (await again.Content.ReadFromJsonAsync<ImportOutcome>())!.Problem);
        Assert.Single((await target.GetFromJsonAsync<List<ExperimentSummary>>("/api/experiments"))!);
        Assert.Equal(originalSummary, await target.GetStringAsync($"/api/experiments/{imported}/files/summary.csv"));
        var page = await (await target.GetAsync($"/experiments/{imported}")).Content.ReadAsStringAsync();
        Assert.Contains("UAR vs label fraction", page);
        Assert.Contains("imported", page);
        Assert.DoesNotContain("data-audio-base=\"api/corpora/", page);

        var prediction = await target.PostAsync($"/api/experiments/{imported}/models/mel-supervised/predict", new MultipartFormDataContent { { new ByteArrayContent(finished.AnyClip()), "audio", "clip.wav" } });
        Assert.Equal(HttpStatusCode.OK, prediction.StatusCode);
        // Its models predict, so the refusal of an analysis names what is really missing: the corpus audio.
        var analysis = await target.PostAsync($"/api/experiments/{imported}/analysis", null);
        var refusal = await analysis.Content.ReadFromJsonAsync<LaunchResult>();
        Assert.Equal(HttpStatusCode.Conflict, analysis.StatusCode);
        Assert.Contains("its models predict here", refusal!.Problems.Single());
        Assert.Contains("needs its corpus audio", refusal.Problems.Single());
        Assert.DoesNotContain("models are not here", refusal.Problems.Single());
    }

    [Fact]
    public async Task HostileOrForeignArchives_AreRefused_AndNothingIsKept()
    {
        var admin = await SignedInUsers.BrowserAsync(finished.Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var archive = await admin.GetByteArrayAsync($"/api/experiments/{finished.ExperimentId}/export");
        var before = (await admin.GetFromJsonAsync<List<ExperimentSummary>>("/api/experiments"))!.Count;

        var traversal = Zip(("experiment.json", "{}"u8.ToArray()), ("../../escaped.txt", "x"u8.ToArray()));
        var foreign = Zip(("labels.csv", "file,emotion\n"u8.ToArray()));
        var altered = Rewrite(archive, "report/summary.csv", "view,method\nmel,supervised\n"u8.ToArray());
        var extra = Rewrite(archive, "report/../../../extra.txt", "x"u8.ToArray());
        var unlisted = Rewrite(archive, "report/unlisted.txt", "x"u8.ToArray());

        foreach (var (name, bytes, expected) in new[]
                 {
                     ("traversal", traversal, "path traversal"), ("foreign", foreign, "not an exported experiment"),
                     ("altered", altered, "SHA-256"), ("extra", extra, "path traversal"), ("unlisted", unlisted, "not an exported experiment"),
                     ("not a zip", "plain text"u8.ToArray(), "not a readable zip"),
                 })
        {
            var response = await admin.PostAsync("/api/experiments/import", Archive(bytes));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {response.StatusCode} {body}");
            Assert.Contains(expected, body, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(before, (await admin.GetFromJsonAsync<List<ExperimentSummary>>("/api/experiments"))!.Count);
        Assert.False(File.Exists(Path.Combine(finished.Portal.Folder, "escaped.txt")));
    }

    [Fact]
    public async Task ViewerCannotImport_OutsiderCannotExport()
    {
        await SignedInUsers.CreateAsync(finished.Portal, "transfer-viewer@lab.test", WorkspaceRole.Viewer);
        await SignedInUsers.CreateAsync(finished.Portal, "transfer-outsider@lab.test", role: null);
        var viewer = await SignedInUsers.BrowserAsync(finished.Portal, "transfer-viewer@lab.test");
        var outsider = await SignedInUsers.BrowserAsync(finished.Portal, "transfer-outsider@lab.test");
        var admin = await SignedInUsers.BrowserAsync(finished.Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var archive = await admin.GetByteArrayAsync($"/api/experiments/{finished.ExperimentId}/export");

        var import = await viewer.PostAsync("/api/experiments/import", Archive(archive));
        var export = await outsider.GetAsync($"/api/experiments/{finished.ExperimentId}/export");
        var unknown = await admin.GetAsync("/api/experiments/999999/export");

        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        Assert.Contains(export.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static MultipartFormDataContent Archive(byte[] bytes) => new() { { new ByteArrayContent(bytes), "archive", "experiment.zip" } };

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
                using (var stream = zip.CreateEntry(name).Open())
                    stream.Write(content);
        return buffer.ToArray();
    }

    /// <summary>The archive with one entry replaced (or added) and everything else as exported.</summary>
    private static byte[] Rewrite(byte[] archive, string entryName, byte[] content)
    {
        using var source = new ZipArchive(new MemoryStream(archive));
        var entries = source.Entries.Where(e => e.FullName != entryName).Select(e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (e.FullName, copy.ToArray());
        }).Append((entryName, content)).ToArray();
        return Zip(entries);
    }
}
