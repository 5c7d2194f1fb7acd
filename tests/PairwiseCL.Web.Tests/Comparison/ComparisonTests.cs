using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Web.Comparison;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Results;
using PairwiseCL.Web.Tests.Experiments;
using PairwiseCL.Web.Tests.TestSupport;
using PairwiseCL.Web.Transfer;

namespace PairwiseCL.Web.Tests.Comparison;

[Collection(FinishedExperimentCollection.Name)]
public sealed class ComparisonTests(FinishedExperiment finished)
{
    [Fact]
    public async Task TwoExperiments_ShareOneChart_AndTheirTableHasEveryViewMethodAndFraction()
    {
        var copy = await ImportedCopyAsync();
        using var scope = finished.Portal.Services.CreateScope();
        var comparisons = scope.ServiceProvider.GetRequiredService<ComparisonService>();

        var comparison = await comparisons.CompareAsync([finished.ExperimentId, copy]);

        Assert.NotNull(comparison);
        Assert.Equal(new[] { finished.ExperimentId, copy }, comparison.Experiments.Select(e => e.Id));
        var expectedRows = finished.Draft.Views.Count * finished.Draft.Methods.Count * finished.Draft.FractionsPercent.Count;
        Assert.Equal(expectedRows, comparison.Rows.Count);
        Assert.All(comparison.Rows, r =>
        {
            Assert.Equal(2, r.Uar.Count);
            Assert.Equal(r.Uar[0], r.Uar[1]);
            Assert.Equal(0, r.Spread);
            Assert.False(r.Differs);
        });
        Assert.Empty(comparison.Settings);
        Assert.Contains($"#{copy} ", comparison.Chart.FigureJson);
        Assert.Contains($"#{finished.ExperimentId} ", comparison.Chart.FigureJson);

        Assert.Null(await comparisons.CompareAsync([finished.ExperimentId]));
        Assert.Null(await comparisons.CompareAsync([finished.ExperimentId, 999999]));

        var admin = await SignedInUsers.BrowserAsync(finished.Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var page = await (await admin.GetAsync($"/experiments/compare?ids={finished.ExperimentId},{copy}")).Content.ReadAsStringAsync();
        Assert.Contains("UAR vs label fraction, all compared experiments", System.Net.WebUtility.HtmlDecode(page));
        Assert.Contains("The configurations are identical.", page);
        // The plotted numbers download as CSV; the log axis ticks only the fractions the experiments used.
        var csv = comparison.Chart.Data!.ToCsv().ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("experiment_id,experiment,view,method,fraction_percent,uar_mean,uar_ci95,runs,chance,degenerate", csv[0]);
        Assert.Equal(2 * expectedRows, csv.Length - 1);
        Assert.Contains("pcl-chart-csv", page);
        using var figure = System.Text.Json.JsonDocument.Parse(comparison.Chart.FigureJson);
        Assert.Equal(finished.Draft.FractionsPercent.Select(f => (double)f).Order(),
            figure.RootElement.GetProperty("layout").GetProperty("xaxis").GetProperty("tickvals").EnumerateArray().Select(v => v.GetDouble()));
        var colours = figure.RootElement.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("line").GetProperty("color").GetString()).ToList();
        Assert.Equal(colours.Count, colours.Distinct().Count());
    }

    [Theory]
    [InlineData("abc", "\"abc\" is not an experiment id")]
    [InlineData("3,x7", "\"x7\" is not an experiment id")]
    [InlineData("3", "only #3 was given")]
    public async Task AddressesWithoutTwoExperimentIds_SayWhatIsWrong(string ids, string expected)
    {
        var admin = await SignedInUsers.BrowserAsync(finished.Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        var page = System.Net.WebUtility.HtmlDecode(await (await admin.GetAsync($"/experiments/compare?ids={Uri.EscapeDataString(ids)}")).Content.ReadAsStringAsync());

        Assert.Contains(expected, page);
        Assert.Contains("Pick at least two finished experiments", page);
    }

    [Fact]
    public void SettingsThatDiffer_StartWithTheCorpusAndTheClasses()
    {
        ExperimentResults Result(int id, string corpus, string[] classes) => new(
            new ExperimentSummary(id, $"e{id}", id, corpus, "hash", DateTime.UnixEpoch, null, null, null, null, 0),
            """{"Protocol":{"Repeats":2}}""", classes, [], [], [], null, [], [], [], [], [], [], []);

        var settings = ComparisonService.Settings([Result(1, "synthetic-demo", ["a", "b"]), Result(2, "emodb-dev", ["a", "b"])]);
        var both = ComparisonService.Settings([Result(1, "synthetic-demo", ["a", "b"]), Result(2, "emodb-dev", ["a", "b", "c"])]);

        var corpus = Assert.Single(settings);
        Assert.Equal("Corpus", corpus.Setting);
        Assert.Equal(new[] { "synthetic-demo", "emodb-dev" }, corpus.Values);
        Assert.Equal(new[] { "Corpus", "Classes" }, both.Select(s => s.Setting));
        Assert.Equal(new[] { "a, b", "a, b, c" }, both[1].Values);
    }

    [Fact]
    public void RowsWhoseIntervalsDoNotOverlap_Differ_AndTheBestMeanIsMarked()
    {
        var apart = new ComparisonRow("mel", "supervised", 100, [new ComparedUar(0.40, 0.05), null, new ComparedUar(0.70, 0.05)]);
        var overlapping = new ComparisonRow("mel", "supervised", 100, [new ComparedUar(0.50, 0.10), new ComparedUar(0.55, 0.10)]);
        var single = new ComparisonRow("mel", "supervised", 100, [new ComparedUar(0.50, 0.10), null]);

        Assert.True(apart.Differs);
        Assert.Equal(2, apart.Best);
        Assert.Equal(0.30, apart.Spread!.Value, 9);
        Assert.False(overlapping.Differs);
        Assert.Equal(1, overlapping.Best);
        Assert.False(single.Differs);
        Assert.Null(single.Spread);

        // A collapsed model (UAR at chance) far from a working one is not a difference between settings.
        var collapsed = new ComparisonRow("mel", "supervised", 100, [new ComparedUar(0.25, 0.0, Degenerate: true), new ComparedUar(0.70, 0.05)]);
        Assert.True(collapsed.Degenerate);
        Assert.False(collapsed.Differs);
        Assert.False(apart.Degenerate);
        Assert.Null(single.Best);
    }

    [Fact]
    public void ConfigurationDifferences_ListOnlyTheSettingsThatDiffer()
    {
        var differences = ConfigurationDifferences.Between(
        [
            """{"Protocol":{"Repeats":2,"Views":["mel","egemaps"],"FineTuning":{"MaxEpochs":25}},"Name":"a"}""",
            """{"Protocol":{"Repeats":2,"Views":["mel"],"FineTuning":{"MaxEpochs":30}},"Name":"a"}""",
        ]);

        Assert.Equal(new[] { "Protocol.FineTuning.MaxEpochs", "Protocol.Views" }, differences.Select(d => d.Setting));
        Assert.Equal(new[] { "25", "30" }, differences[0].Values);
        Assert.Equal(new[] { "mel, egemaps", "mel" }, differences[1].Values);
    }

    private async Task<int> ImportedCopyAsync()
    {
        var admin = await SignedInUsers.BrowserAsync(finished.Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var archive = await admin.GetByteArrayAsync($"/api/experiments/{finished.ExperimentId}/export");
        var response = await admin.PostAsync("/api/experiments/import", new MultipartFormDataContent { { new ByteArrayContent(archive), "archive", "copy.zip" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ImportOutcome>())!.ExperimentId!.Value;
    }
}
