using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Web.Components.Shared;

namespace PairwiseCL.Web.Tests.Components;

public sealed class CorpusTableTests : BunitContext
{
    private static readonly CorpusSummary EmoDb = new(7, "emodb-dev", "/data/emodb", 535, 10, 10, 7, 1487.5, DateTime.UtcNow);

    public CorpusTableTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void EachCorpus_IsARowWithItsCountsAndALinkToItsPage()
    {
        var table = Render<CorpusTable>(p => p.Add(c => c.Corpora, [EmoDb]));

        var cells = table.FindAll("tbody tr td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["emodb-dev", "535", "10", "10", "7", "24 min 47 s"], cells);
        Assert.Equal("corpora/7", table.Find("tbody a").GetAttribute("href"));
    }

    [Fact]
    public void NoCorpora_ExplainsHowToImportOne()
    {
        var table = Render<CorpusTable>(p => p.Add(c => c.Corpora, []));

        Assert.Contains("pairwisecl import", table.Markup);
        Assert.Empty(table.FindAll("table"));
    }

    [Fact]
    public void DeleteButton_AppearsOnlyWhenThePageAllowsIt_AndReportsTheCorpus()
    {
        var readOnly = Render<CorpusTable>(p => p.Add(c => c.Corpora, [EmoDb]));
        Assert.Empty(readOnly.FindAll("button[aria-label='Delete emodb-dev']"));

        CorpusSummary? requested = null;
        var editable = Render<CorpusTable>(p => p
            .Add(c => c.Corpora, [EmoDb])
            .Add(c => c.OnDelete, (CorpusSummary c) => requested = c));
        editable.Find("button[aria-label='Delete emodb-dev']").Click();

        Assert.Equal(EmoDb, requested);
    }
}
