using System.Net;
using System.Text;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Tests.Datasets;
using PairwiseCL.Web.Tests.TestSupport;
using static PairwiseCL.Web.Tests.Datasets.TestArchives;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>
/// The audio endpoint is on the portal's origin, so whatever it serves must never render as a page: the
/// media type follows the content (a WAV named x.html is audio/wav), browsers are told not to sniff,
/// non-audio is refused, and imports refuse files whose extension is not an audio one.
/// </summary>
public sealed class AudioEndpointTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AWavNamedHtmlWithAScriptInItsData_IsServedAsAudioWithNosniff_AndAPageNamedWavIsRefused()
    {
        var root = Folder("stored");
        await File.WriteAllBytesAsync(Path.Combine(root, "x.html"), WavWithScript());
        await File.WriteAllTextAsync(Path.Combine(root, "page.wav"), "<html><script>fetch('/api/experiments')</script></html>");
        var id = await portal.Get<CorpusRepository>().SaveAsync(new Corpus("stored before the fix", root,
            [new Utterance("x", "x.html", 0.3, "s1", "1", "neu"), new Utterance("page", "page.wav", 0.3, "s1", "1", "neu")], []));
        using var browser = await SignedInAsync();

        var wav = await browser.GetAsync($"/api/corpora/{id}/audio/x");
        var page = await browser.GetAsync($"/api/corpora/{id}/audio/page");

        Assert.Equal(HttpStatusCode.OK, wav.StatusCode);
        Assert.Equal("audio/wav", wav.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", string.Join(",", wav.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, page.StatusCode);
        Assert.NotEqual("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<script>", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnArchiveEntryWithANonAudioExtension_IsRefusedAtImport()
    {
        await using var admin = await SignedInScope.AdminAsync(portal);
        var zip = Zip(("labels.csv", Text(Manifest + "x.html,s1,1,neu\na.wav,s1,1,ang\n")), ("x.html", WavWithScript()), ("a.wav", Wav()));

        var job = await UploadSteps.UploadAndImportAsync(portal, admin, zip, "html inside");

        Assert.True(job.State == JobState.Succeeded, job.Error);
        var corpora = portal.Get<CorpusRepository>();
        var corpus = (await corpora.LoadAsync((await corpora.FindIdByNameAsync("html inside"))!.Value))!;
        Assert.Equal(["a"], corpus.Utterances.Select(u => u.Id));
        Assert.Contains("has the extension '.html', not an audio one", job.Log);
    }

    private string Folder(string name)
    {
        _ = portal.Server;
        var root = Path.Combine(portal.Folder, "audio-" + name);
        Directory.CreateDirectory(root);
        return root;
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var browser = portal.CreateBrowser();
        await Browser.SignInAsync(browser, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        return browser;
    }

    /// <summary>A valid 16-bit WAV whose sample bytes spell an HTML page with a script.</summary>
    private static byte[] WavWithScript()
    {
        var wav = Wav(0.3);
        var script = Encoding.ASCII.GetBytes("<html><body><script>fetch('/api/experiments').then(r=>r.text()).then(alert)</script></body></html>");
        script.CopyTo(wav, 44);
        return wav;
    }
}
