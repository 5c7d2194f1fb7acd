using Microsoft.Playwright;
using PairwiseCL.Web.Tests.Experiments;
using PairwiseCL.Web.Tests.TestSupport;
using Xunit.Abstractions;

namespace PairwiseCL.Web.Tests.TryIt;

/// <summary>
/// In headless Debian Chromium: the finished experiment, exported from its portal, is imported through the
/// Experiments page of a second portal; its Try it page classifies an uploaded clip and a clip recorded from
/// Chromium's fake microphone, each time drawing one probability bar per emotion; a refused, busy or missing
/// microphone (Chromium without fake devices) is explained in words that say what to do.
/// </summary>
[Collection(FinishedExperimentCollection.Name)]
public sealed class TryItBrowserTests(FinishedExperiment finished, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly float Timeout = 60_000;

    private BrowserPortal? portal;

    public async Task InitializeAsync() =>
        portal = await BrowserPortal.StartAsync(output, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");

    [Fact]
    public async Task ImportedExperiment_ClassifiesAnUploadedAndARecordedClip()
    {
        var source = await SignedInUsers.BrowserAsync(finished.Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var archive = await source.GetByteArrayAsync($"/api/experiments/{finished.ExperimentId}/export");
        var clip = finished.AnyClip();

        var page = await SignedInPageAsync(portal!.Browser);
        var context = page.Context;

        await page.GotoAsync("experiments");
        await Assertions.Expect(page.Locator("[data-testid=import]")).ToHaveAttributeAsync("data-interactive", "yes");
        await Assertions.Expect(page.Locator("input[type=file][data-testid=import-file]")).ToHaveAttributeAsync("data-listening", "yes");
        await page.Locator("input[type=file][data-testid=import-file]").SetInputFilesAsync(new FilePayload { Name = "experiment.zip", MimeType = "application/zip", Buffer = archive });
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/experiments/\d+$"));
        await Assertions.Expect(page.GetByText("imported").First).ToBeVisibleAsync();

        await page.GetByText("Try a fine-tuned model").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=try-model]")).ToHaveAttributeAsync("data-interactive", "yes");
        var classes = await ClassCountAsync(page);

        await Assertions.Expect(page.Locator("input[type=file][data-testid=clip-file]")).ToHaveAttributeAsync("data-listening", "yes");
        await page.Locator("input[type=file][data-testid=clip-file]").SetInputFilesAsync(new FilePayload { Name = "clip.wav", MimeType = "audio/wav", Buffer = clip });
        await Assertions.Expect(page.Locator("[data-testid=predicted]")).ToHaveAttributeAsync("data-source", "uploaded", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator(".pcl-plot .bars path")).ToHaveCountAsync(classes);

        // A corrupt upload is refused naming the member's file, not the server's temporary copy.
        await page.Locator("input[type=file][data-testid=clip-file]").SetInputFilesAsync(new FilePayload { Name = "broken.wav", MimeType = "audio/wav", Buffer = clip[..30] });
        var refusal = page.Locator("[data-testid=prediction-problem]");
        await Assertions.Expect(refusal).ToContainTextAsync("Not an audio clip this portal can decode ('broken.wav')");
        await Assertions.Expect(refusal).Not.ToContainTextAsync("/tmp/");

        // Five seconds of Opus is well over SignalR's 32 KB message limit: the clip must reach the server streamed,
        // or the page's connection closes and no prediction ever comes (a CI failure with 1.5 s on a slow machine).
        await page.Locator("[data-testid=start-recording]").ClickAsync();
        await page.WaitForTimeoutAsync(5000);
        await page.Locator("[data-testid=stop-recording]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=predicted]")).ToHaveAttributeAsync("data-source", "recorded", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=prediction-problem]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".pcl-plot .bars path")).ToHaveCountAsync(classes);

        // A blocked or busy microphone is explained by its error name, not by the browser's words.
        foreach (var (name, expected) in new[]
                 {
                     ("NotAllowedError", "The browser was not allowed to use the microphone: allow it for this site, or upload a file instead."),
                     ("NotReadableError", "The microphone is busy or failed to start (another application may hold it): free it, or upload a file instead."),
                 })
        {
            var refused = await context.NewPageAsync();
            await refused.AddInitScriptAsync($"navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Could not start audio source', '{name}'));");
            await AssertRecordingProblemAsync(refused, page.Url, expected);
            await refused.CloseAsync();
        }

        // A machine without a microphone, as this one: Chromium without fake devices finds none (NotFoundError,
        // "Requested device not found"), and the page says what to do instead.
        await using var plain = await portal.LaunchAnotherBrowserAsync();
        var noMicrophone = await SignedInPageAsync(plain);
        await noMicrophone.GotoAsync(page.Url);
        var inputs = await noMicrophone.EvaluateAsync<int>(
            "async () => (await navigator.mediaDevices.enumerateDevices()).filter(d => d.kind === 'audioinput').length");
        Assert.True(inputs == 0, $"Chromium sees {inputs} microphone(s) on this machine; the check needs a machine without one.");
        await AssertRecordingProblemAsync(noMicrophone, page.Url, "No microphone found: connect one, or upload a file instead.");
        await BrowserPortal.ScreenshotAsync(noMicrophone, "try-it-no-microphone");
    }

    /// <summary>The administrator's page in a new context of <paramref name="browser"/> that may use the microphone.</summary>
    private async Task<IPage> SignedInPageAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal!.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            Permissions = ["microphone"],
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        await BrowserPortal.SignInAsync(page, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        return page;
    }

    /// <summary>Opens the Try it page, presses Record and expects exactly <paramref name="expected"/> as the problem shown.</summary>
    private static async Task AssertRecordingProblemAsync(IPage page, string url, string expected)
    {
        page.SetDefaultTimeout(Timeout);
        await page.GotoAsync(url);
        await Assertions.Expect(page.Locator("[data-testid=try-model]")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.Locator("[data-testid=start-recording]").ClickAsync();
        var problem = page.Locator("[data-testid=prediction-problem]");
        await Assertions.Expect(problem).ToHaveTextAsync(expected);
        await Assertions.Expect(problem).Not.ToContainTextAsync("undefined");
        await Assertions.Expect(page.Locator("[data-testid=stop-recording]")).ToHaveCountAsync(0);
    }

    /// <summary>The emotions of the selected model, read from its model list over the browser's session.</summary>
    private static async Task<int> ClassCountAsync(IPage page)
    {
        var id = page.Url.Split('/')[^2];
        var response = await page.APIRequest.GetAsync($"api/experiments/{id}/models");
        var models = System.Text.Json.JsonDocument.Parse(await response.TextAsync()).RootElement;
        return models[0].GetProperty("classNames").GetArrayLength();
    }

    public async Task DisposeAsync()
    {
        if (portal is not null) await portal.DisposeAsync();
    }
}
