using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PairwiseCL.Store;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Tests.TestSupport;
using Xunit.Abstractions;

namespace PairwiseCL.Web.Tests.Jobs;

/// <summary>
/// The Jobs page in a real browser: it fits 1440 px without horizontal scrolling, finished jobs read as
/// sentences (never JSON), the kind is readable and links to its experiment, Cancel asks first, and at 390 px
/// every job is a readable card.
/// </summary>
public sealed class JobsPageBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private BrowserPortal? browser;
    private long queuedId;

    public async Task InitializeAsync()
    {
        browser = await BrowserPortal.StartAsync(output);
        var finished = DateTime.UtcNow;
        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.Jobs.AddRange(
            new JobEntity
            {
                Kind = "import-corpus", State = JobState.Succeeded, PayloadJson = """{"CorpusName":"emodb-dev"}""",
                ProgressJson = """{"Stage":"stored","Done":16,"Total":16}""", Attempts = 1, StartedAtUtc = finished, FinishedAtUtc = finished,
            },
            new JobEntity
            {
                Kind = ExperimentJobHandler.JobKind, State = JobState.Succeeded, PayloadJson = """{"ExperimentId":42}""", Attempts = 1,
                ProgressJson = JsonSerializer.Serialize(new ExperimentProgress("stored", 16, 16, "16 runs stored", 0)),
                StartedAtUtc = finished, FinishedAtUtc = finished,
            },
            new JobEntity
            {
                // A part of a fanned-out experiment, run by a worker host.
                Kind = ExperimentPartJobHandler.JobKind, State = JobState.Succeeded, Attempts = 1, Worker = "gpu-host-1",
                PayloadJson = ExperimentPartJobHandler.PayloadJson(42, 1, new PairwiseCL.Core.Experiments.ProtocolPart(PairwiseCL.Core.Experiments.ProtocolPartKind.FineTuning, 1, 6, View: "mel", FractionPercent: 25)),
                StartedAtUtc = finished, FinishedAtUtc = finished,
            },
            new JobEntity
            {
                Kind = "check-audio-files", State = JobState.Failed, PayloadJson = """{"CorpusId":7,"WorkspaceId":1}""", Attempts = 3,
                Error = "Corpus #7 no longer exists. " + string.Join(" ", Enumerable.Repeat("A long error explains itself in many words.", 8)),
                StartedAtUtc = finished, FinishedAtUtc = finished,
            });
        // A device no worker serves: the job stays queued while the test looks at it.
        var queued = new JobEntity { Kind = ExperimentJobHandler.JobKind, Device = "test-idle", PayloadJson = """{"ExperimentId":43}""" };
        db.Jobs.Add(queued);
        await db.SaveChangesAsync();
        queuedId = queued.Id;
    }

    [Fact]
    public async Task TheJobsPage_FitsTheScreen_ReadsAsWords_AndAsksBeforeCancelling()
    {
        var page = await browser!.SignedInPageAsync();
        await page.SetViewportSizeAsync(1440, 900);
        await page.GotoAsync("jobs");
        var table = page.Locator(".pcl-job-table");
        await Assertions.Expect(table).ToContainTextAsync("Corpus import");

        // Readable kinds, linked to their experiment or corpus.
        await Assertions.Expect(table.GetByRole(AriaRole.Link, new() { Name = "Experiment run" }).First).ToHaveAttributeAsync("href", "experiments/43");
        await Assertions.Expect(table.GetByRole(AriaRole.Link, new() { Name = "Audio file check" })).ToHaveAttributeAsync("href", "corpora/7");
        await Assertions.Expect(table).Not.ToContainTextAsync("run-experiment");
        await Assertions.Expect(table.GetByRole(AriaRole.Link, new() { Name = "Experiment part: fold 2: fine-tuning mel at 25% labels" })).ToHaveAttributeAsync("href", "experiments/42");
        await Assertions.Expect(table).ToContainTextAsync("worker gpu-host-1");
        // Finished jobs' progress in words, never the stored JSON.
        await Assertions.Expect(table).ToContainTextAsync("16 clips stored");
        await Assertions.Expect(table).ToContainTextAsync("16 runs stored");
        await Assertions.Expect(page.Locator("[data-testid=job-progress]", new() { HasTextString = "{" })).ToHaveCountAsync(0);
        // At 1440 px nothing needs horizontal scrolling, not even beside a long error.
        Assert.True(await NoHorizontalOverflowAsync(page), "The jobs table scrolls sideways at 1440 px: " + await WidestAsync(page));
        await BrowserPortal.ScreenshotAsync(page, "jobs-1440");

        // Cancel asks first; keeping the job leaves it queued.
        var cancel = page.Locator("[data-testid=cancel-job]");
        await cancel.ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync($"Cancel job #{queuedId}?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep it running" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        Assert.Equal(JobState.Queued, await StateAsync());
        await cancel.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel the job" }).ClickAsync();
        await Assertions.Expect(cancel).ToHaveCountAsync(0, new() { Timeout = 120_000 });
        Assert.NotEqual(JobState.Queued, await StateAsync());

        // At 390 px every job is a card whose lines are visible within the screen.
        await page.SetViewportSizeAsync(390, 844);
        var import = table.GetByText("Corpus import");
        await Assertions.Expect(import).ToBeVisibleAsync();
        await Assertions.Expect(table.GetByText("16 clips stored")).ToBeVisibleAsync();
        Assert.True(await NoHorizontalOverflowAsync(page), "The jobs page scrolls sideways at 390 px: " + await WidestAsync(page));
        // Measured once the page fits, so the layout has settled at the new width.
        var box = await import.BoundingBoxAsync();
        Assert.True(box is { Width: > 0 } && box.X + box.Width <= 390, $"The job's title lies outside the 390 px screen: {box?.X} + {box?.Width}.");
        await BrowserPortal.ScreenshotAsync(page, "jobs-390");
    }

    private const string FitsScript = """
        () => document.documentElement.scrollWidth <= window.innerWidth
            && [...document.querySelectorAll('.pcl-job-table .mud-table-container')].every(c => c.scrollWidth <= c.clientWidth + 1)
        """;

    // After a viewport change the table re-lays out (MudBlazor's breakpoint listener re-renders rows as cards over
    // the circuit), so one measurement can land mid-change: wait for the page to fit, and fail only if it never does.
    private static async Task<bool> NoHorizontalOverflowAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync(FitsScript, null, new() { Timeout = 15_000 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    // For the failure message: the elements that reach past the screen's right edge, and any table container that
    // scrolls inside itself.
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>("""
        () => [
            `page ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`,
            ...[...document.querySelectorAll('.pcl-job-table .mud-table-container')]
                .filter(c => c.scrollWidth > c.clientWidth + 1)
                .map(c => `table container scrolls: ${c.scrollWidth} > ${c.clientWidth}`),
            ...[...document.querySelectorAll('body *')]
                .map(e => ({ e, r: e.getBoundingClientRect().right }))
                .filter(x => x.r > window.innerWidth + 1)
                .slice(0, 8)
                .map(x => `${x.e.tagName.toLowerCase()}.${[...x.e.classList].join('.')} right=${Math.round(x.r)}`),
        ].join('; ')
        """);

    private async Task<JobState> StateAsync()
    {
        await using var db = await browser!.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == queuedId);
        return job.CancelRequested && job.State == JobState.Queued ? JobState.Cancelled : job.State;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
    }
}
