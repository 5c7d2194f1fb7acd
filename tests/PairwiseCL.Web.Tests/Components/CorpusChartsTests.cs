using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using PairwiseCL.Web.Components.Datasets;
using PairwiseCL.Web.Datasets;
using PairwiseCL.Web.Results;

namespace PairwiseCL.Web.Tests.Components;

/// <summary>Issue 13 item 4: "neutral" was blue on one corpus and teal on another.</summary>
public sealed class CorpusChartsTests
{
    [Fact]
    public async Task ALabelKeepsItsColourOnEveryCorpus_WhateverItsPositionInTheList()
    {
        await using var context = new BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var first = new CorpusDistribution(["neutral", "anger"], [3, 2], ["s1"], [[3], [2]]);
        var second = new CorpusDistribution(["calm", "sadness", "neutral"], [1, 1, 1], ["s1"], [[1], [1], [1]]);

        var one = context.Render<CorpusCharts>(p => p.Add(c => c.Distribution, first)).Find("[data-testid=session-chart]").InnerHtml;
        var two = context.Render<CorpusCharts>(p => p.Add(c => c.Distribution, second)).Find("[data-testid=session-chart]").InnerHtml;

        // MudBlazor's default palette starts with the same colour on both corpora; ours follows the name.
        var neutral = ChartPalette.Label("neutral");
        Assert.Contains(neutral, one, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(neutral, two, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(ChartPalette.Label("anger"), one, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ChartPalette.Label("anger"), two, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(ChartPalette.Label("calm"), two, StringComparison.OrdinalIgnoreCase);
    }
}
