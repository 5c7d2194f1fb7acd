using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Web.Components.Shared;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Results;

namespace PairwiseCL.Web.Tests.Components;

/// <summary>Issue 13 item 1: a collapsed model must not pass silently on the results page.</summary>
public sealed class ExperimentResultsViewTests
{
    private static readonly string[] Classes = ["neutral", "anger", "sadness", "happiness"];

    // Disposed asynchronously: MudBlazor's key interceptor (expansion panels) only implements IAsyncDisposable.
    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return context;
    }

    private static RunResult Run(string method, int repeat, bool collapsed)
    {
        int[][] confusion = collapsed
            ? [[5, 0, 0, 0], [5, 0, 0, 0], [5, 0, 0, 0], [5, 0, 0, 0]]
            : [[4, 1, 0, 0], [0, 5, 0, 0], [1, 0, 4, 0], [0, 0, 1, 4]];
        var recalls = confusion.Select((row, i) => (double)row[i] / row.Sum()).ToArray();
        return new RunResult("mel", method, 25, repeat, $"s{repeat}", 0, repeat, 0.5, method == MethodNames.Supervised ? "none" : "all",
            20, 20, recalls.Average() + (collapsed ? 0 : 0.01 * repeat), 0.4, confusion, recalls, 5, 0.5, 1);
    }

    private static ExperimentResults Results(IReadOnlyList<RunResult> runs)
    {
        var rows = ResultSummary.Summarise(runs);
        return new ExperimentResults(new ExperimentSummary(1, "quick", 1, "emodb-dev", "0123456789abcdef0123", DateTime.UnixEpoch, null, null, null, null, runs.Count),
            "{}", Classes, rows, ResultCharts.UarVersusFraction(rows, Classes.Length), [], null, [], runs, [], [], [], [], [])
        {
            Warnings = ResultWarnings.Find(rows, runs, Classes.Length),
        };
    }

    [Fact]
    public async Task SingleClassRuns_AreFlaggedWithAVisibleWarning_AndChanceIsOnTheChart()
    {
        await using var context = NewContext();
        var runs = Enumerable.Range(0, 4).SelectMany(r => new[] { Run(MethodNames.Supervised, r, collapsed: true), Run(MethodNames.PairwiseTuned, r, collapsed: false) }).ToList();

        var view = context.Render<ExperimentResultsView>(p => p.Add(v => v.Results, Results(runs)).Add(v => v.FileUrl, f => f));

        var warning = view.Find("[data-testid=degenerate-warning]");
        Assert.Contains("mel · supervised · 25% labels: 4 of 4 runs predict a single class for every test clip", warning.TextContent);
        Assert.DoesNotContain("pairwise-tuned", warning.TextContent);
        var flagged = Assert.Single(view.FindAll("tr.pcl-degenerate"));
        Assert.Contains("single class", flagged.TextContent);
        Assert.Contains("chance (1/4 = 0.250)", view.Markup);
        Assert.Contains("\"chance 0.25\"", view.Find(".pcl-plot").GetAttribute("data-figure"));
    }

    [Fact]
    public async Task HealthyResults_ShowNoWarning()
    {
        await using var context = NewContext();
        var runs = Enumerable.Range(0, 4).SelectMany(r => new[] { Run(MethodNames.Supervised, r, collapsed: false), Run(MethodNames.PairwiseTuned, r, collapsed: false) }).ToList();

        var view = context.Render<ExperimentResultsView>(p => p.Add(v => v.Results, Results(runs)).Add(v => v.FileUrl, f => f));

        Assert.Empty(view.FindAll("[data-testid=degenerate-warning]"));
        Assert.Empty(view.FindAll("tr.pcl-degenerate"));
    }
}
