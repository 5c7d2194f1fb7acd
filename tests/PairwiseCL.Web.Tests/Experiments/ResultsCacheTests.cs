using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Web.Results;

namespace PairwiseCL.Web.Tests.Experiments;

/// <summary>
/// A finished report is parsed and turned into charts once, not on every page request; a re-analysis (a new
/// report with a new stored hash), an altered file or a deleted report is never served from that cache.
/// </summary>
[Collection(FinishedExperimentCollection.Name)]
public sealed class ResultsCacheTests(FinishedExperiment finished)
{
    [Fact]
    public async Task RepeatedRequests_ReuseTheParsedReport()
    {
        var first = await LoadAsync();
        var second = await LoadAsync();

        Assert.Empty(second.Problems);
        Assert.Same(first.FractionCharts, second.FractionCharts);
        Assert.Same(first.Runs, second.Runs);
    }

    [Fact]
    public async Task AnAlteredReport_IsReportedAndNotServedFromTheCache()
    {
        var path = await ContentPathAsync();
        var original = await File.ReadAllBytesAsync(path);
        Assert.True((await LoadAsync()).HasReport);
        try
        {
            await File.AppendAllTextAsync(path, " ");

            var altered = await LoadAsync();

            Assert.False(altered.HasReport);
            Assert.Contains(altered.Problems, p => p.Contains("SHA-256 no longer matches", StringComparison.Ordinal));
        }
        finally
        {
            await File.WriteAllBytesAsync(path, original);
        }
        Assert.True((await LoadAsync()).HasReport);
    }

    [Fact]
    public async Task AReanalysedReport_WithItsNewHash_IsReadAgain()
    {
        var path = await ContentPathAsync();
        var original = await File.ReadAllBytesAsync(path);
        var cached = await LoadAsync();
        try
        {
            // What the analysis job does: write a new report and store its hash.
            await File.WriteAllTextAsync(path, System.Text.Encoding.UTF8.GetString(original) + "\n\n");
            await SetStoredHashAsync(ReportFolder.Sha256(path));

            var reread = await LoadAsync();

            Assert.Empty(reread.Problems);
            Assert.NotSame(cached.Runs, reread.Runs);
            Assert.Equal(cached.Runs.Count, reread.Runs.Count);
        }
        finally
        {
            await File.WriteAllBytesAsync(path, original);
            await SetStoredHashAsync(ReportFolder.Sha256(path));
        }
    }

    private async Task<ExperimentResults> LoadAsync()
    {
        using var scope = finished.Portal.Services.CreateScope();
        var results = await scope.ServiceProvider.GetRequiredService<ResultsService>().GetAsync(finished.ExperimentId);
        Assert.NotNull(results);
        return results;
    }

    private string ContentRelativePath => $"{ReportFolder.RelativeFolder(finished.ExperimentId)}/{ReportFolder.ContentFile}";

    private async Task<string> ContentPathAsync()
    {
        await using var db = await finished.Portal.CreateDbContextAsync();
        var artifact = await db.Artifacts.SingleAsync(a => a.ExperimentId == finished.ExperimentId && a.Path == ContentRelativePath);
        return Path.Combine(finished.Portal.Folder, "data", artifact.Path);
    }

    private async Task SetStoredHashAsync(string hash)
    {
        await using var db = await finished.Portal.CreateDbContextAsync();
        await db.Artifacts.Where(a => a.ExperimentId == finished.ExperimentId && a.Path == ContentRelativePath)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.ContentHash, hash));
    }
}
