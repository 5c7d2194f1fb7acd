using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Tests.TestSupport;
using Xunit.Abstractions;

namespace PairwiseCL.Web.Tests.Corpora;

/// <summary>
/// Deleting a corpus that experiments use is refused before anyone confirms, naming (and linking) those
/// experiments, whose names are users' text and stay text; an unused corpus is deleted after a confirmation.
/// </summary>
public sealed class CorpusDeletionBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string HostileName = "<img src=x onerror=\"window.pwned=1\">baseline";
    private BrowserPortal? browser;
    private int usedId;
    private int experimentId;

    public async Task InitializeAsync()
    {
        browser = await BrowserPortal.StartAsync(output);
        var corpora = browser.Services.GetRequiredService<CorpusRepository>();
        usedId = await corpora.SaveAsync(Corpus("used"));
        await corpora.SaveAsync(Corpus("unused"));
        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var experiment = new ExperimentEntity
        {
            WorkspaceId = (await db.Corpora.SingleAsync(c => c.Id == usedId)).WorkspaceId,
            Name = HostileName, ConfigurationJson = "{}", ConfigurationHash = "h", FinetuneCorpusId = usedId,
        };
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync();
        experimentId = experiment.Id;
    }

    private static Corpus Corpus(string name) =>
        new(name, Path.GetTempPath(), [new Utterance("a", "a.wav", 1, "s1", "1", "neutral")], [new LabelSet("emotions", ["neutral", "anger"])]);

    [Fact]
    public async Task ACorpusInUse_NamesItsExperimentsBeforeAnyConfirmation_AndAnUnusedOneIsDeletedAfterOne()
    {
        var page = await browser!.SignedInPageAsync();
        await page.GotoAsync("corpora");
        await Assertions.Expect(page.Locator("[data-testid=corpora]")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete used" }).ClickAsync();

        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("'used' cannot be deleted: 1 experiment uses it");
        var link = dialog.Locator("[data-testid=dependent-experiments] a");
        await Assertions.Expect(link).ToHaveTextAsync(HostileName);
        await Assertions.Expect(link).ToHaveAttributeAsync("href", $"experiments/{experimentId}");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToHaveCountAsync(0);
        Assert.Equal(0, await dialog.Locator("img").CountAsync());
        await BrowserPortal.ScreenshotAsync(page, "corpus-delete-in-use");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".pcl-corpus-table")).ToContainTextAsync("used");

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete unused" }).ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Delete 'unused'");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "unused", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "used", Exact = true })).ToHaveCountAsync(1);
        Assert.False(await page.EvaluateAsync<bool>("() => window.pwned === 1"));
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
    }
}
