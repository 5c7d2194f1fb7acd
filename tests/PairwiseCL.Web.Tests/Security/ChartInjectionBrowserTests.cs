using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Corpora.Synthetic;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Tests.Experiments;
using PairwiseCL.Web.Tests.TestSupport;
using Xunit.Abstractions;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>
/// Stored XSS through charts: labels, sessions and utterance ids that are HTML with event handlers reach
/// MudBlazor's axis labels (corpus page) and Plotly's legends and hover text (results and share pages).
/// In headless Chromium no handler may run, no injected element may exist, and the text shows as written.
/// </summary>
public sealed class ChartInjectionBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const float JobTimeout = 180_000;
    private const string Anger = "<img src=x onerror=window.__xss=(window.__xss||0)+1>";
    private const string Sadness = "<svg onload=window.__xss=(window.__xss||0)+1></svg>";
    private const string Neutral = "=HYPERLINK(\"http://evil.example\",\"x\")";
    private const string Session = "<img src=y onerror=window.__xss=(window.__xss||0)+1>";
    private BrowserPortal? browser;
    private string folder = "";

    public async Task InitializeAsync()
    {
        browser = await BrowserPortal.StartAsync(output);
        folder = PortalFactory.NewFolder();
    }

    [Fact]
    public async Task HostileLabelsSessionsAndIds_AreShownAsText_OnTheCorpusResultsAndSharePages()
    {
        var generated = new SyntheticCorpusGenerator().Generate(folder,
            new SyntheticCorpusOptions(Sessions: 3, SpeakersPerSession: 1, ClipsPerSpeakerAndEmotion: 2, MinSeconds: 0.5, MaxSeconds: 0.6));
        var corpus = Hostile(generated);
        var corpusId = await browser!.Services.GetRequiredService<CorpusRepository>().SaveAsync(corpus);
        var page = await browser.SignedInPageAsync();

        await page.GotoAsync($"corpora/{corpusId}");
        var axis = page.Locator("[data-testid=label-chart] .mud-charts-xaxis");
        await Assertions.Expect(axis).ToContainTextAsync(Anger);
        await Assertions.Expect(page.Locator("[data-testid=session-chart] .mud-charts-xaxis")).ToContainTextAsync(Session);
        await AssertNothingInjectedAsync(page);

        var draft = FinishedExperiment.TinyDraft(corpusId);
        draft.Name = "hostile labels";
        draft.Views = ["mel"];
        draft.Methods = [MethodNames.Supervised];
        draft.Analysis = true;
        var experimentId = await LaunchAndWaitAsync(page, draft);

        await page.GotoAsync($"experiments/{experimentId}");
        var tsne = page.Locator(".pcl-plot[data-name=tsne_mel_supervised]");
        await Assertions.Expect(tsne).ToHaveAttributeAsync("data-rendered", "true");
        await Assertions.Expect(tsne.Locator(".legend")).ToContainTextAsync(Anger);
        await Assertions.Expect(tsne.Locator(".legend")).ToContainTextAsync(Sadness);
        // Hover text is the utterance id as written; the click target (customdata) is the raw id.
        var hoverIds = await tsne.EvaluateAsync<string[]>("el => el._fullData.flatMap(t => Array.from(t.customdata))");
        Assert.Contains(hoverIds, id => id.StartsWith("<b onmouseover", StringComparison.Ordinal));
        await AssertNothingInjectedAsync(page);

        await Assertions.Expect(page.Locator("[data-testid=experiment-page]")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.GetByText("Share links (0 active)").ClickAsync();
        await page.GetByText("Create read-only link").ClickAsync();
        var link = await page.Locator("a.pcl-share-url").GetAttributeAsync("href");
        await using var anonymous = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseUrl });
        var reader = await anonymous.NewPageAsync();
        await reader.GotoAsync(link!);
        var shared = reader.Locator(".pcl-plot[data-name=tsne_mel_supervised]");
        await Assertions.Expect(shared).ToHaveAttributeAsync("data-rendered", "true");
        await Assertions.Expect(shared.Locator(".legend")).ToContainTextAsync(Anger);
        await AssertNothingInjectedAsync(reader);

        // The chart's CSV download on the share page writes the formula-like label as text (OWASP).
        var csvLink = reader.Locator(".pcl-figure", new() { Has = reader.Locator(".pcl-plot[data-name=tsne_mel_supervised]") }).Locator("a.pcl-chart-csv");
        var csv = Uri.UnescapeDataString((await csvLink.GetAttributeAsync("href"))!["data:text/csv;charset=utf-8,".Length..]);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",", csv);
        Assert.DoesNotContain(",=", csv);
    }

    /// <summary>Two labels and every session become markup with handlers; every fourth id too.</summary>
    private static Corpus Hostile(Corpus corpus)
    {
        string Label(string? label) => label switch { "anger" => Anger, "sadness" => Sadness, "neutral" => Neutral, _ => label! };
        var utterances = corpus.Utterances.Select((u, i) => u with
        {
            Id = i % 4 == 0 ? $"<b onmouseover=window.__xss=1>{u.Id}</b>" : u.Id,
            Label = Label(u.Label),
            Session = u.Session == corpus.Utterances[0].Session ? Session : u.Session,
        }).ToList();
        var labelSets = corpus.LabelSets.Select(s => new LabelSet(s.Name, s.Classes.Select(Label).ToList())).ToList();
        Assert.Contains(Anger, labelSets[0].Classes);
        return corpus with { Utterances = utterances, LabelSets = labelSets };
    }

    private static async Task AssertNothingInjectedAsync(IPage page)
    {
        // Handlers of broken images run as soon as the load fails; give them a moment to have done so.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        Assert.Equal(0, await page.Locator("img[src=x], img[src=y], svg[onload], b[onmouseover]").CountAsync());
    }

    private Task<int> LaunchAndWaitAsync(IPage page, Web.Experiments.ExperimentDraft draft) =>
        ExperimentLaunching.LaunchAndWaitAsync(page, browser!.Services, draft, JobTimeout / 1000);

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
