using System.Net;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Corpora;

public sealed class CorpusAudioTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AMembersBrowser_GetsTheClipsBytes_AndAClearNotFoundForAMissingFile()
    {
        _ = portal.Server;
        var root = Path.Combine(portal.Folder, "audio");
        Directory.CreateDirectory(root);
        var bytes = PairwiseCL.Web.Tests.Datasets.TestArchives.Wav(0.1);
        await File.WriteAllBytesAsync(Path.Combine(root, "a.wav"), bytes);
        var corpus = new Corpus("audio", root,
            [new Utterance("a", "a.wav", 0.1, "s1", "1", "neu"), new Utterance("gone", "gone.wav", 0.1, "s1", "1", "neu")], []);
        var id = await portal.Get<CorpusRepository>().SaveAsync(corpus);
        var browser = portal.CreateBrowser();
        await Browser.SignInAsync(browser, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        var clip = await browser.GetAsync($"/api/corpora/{id}/audio/a");
        var missing = await browser.GetAsync($"/api/corpora/{id}/audio/gone");
        var unknown = await browser.GetAsync($"/api/corpora/{id}/audio/nobody");

        Assert.Equal(HttpStatusCode.OK, clip.StatusCode);
        Assert.Equal("audio/wav", clip.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await clip.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("missing on the server", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task UtteranceIdsWithSlashesAndOtherReservedCharacters_PlayThroughTheirAudioUrl()
    {
        _ = portal.Server;
        var root = Path.Combine(portal.Folder, "nested");
        var ids = new[] { "s1/x", "s2/x", "s2/deeper/x", "100% sure", "what?#now" };
        var utterances = new List<Utterance>();
        foreach (var (utteranceId, i) in ids.Select((u, i) => (u, i)))
        {
            var file = Path.Combine(root, $"f{i}.wav");
            Directory.CreateDirectory(root);
            await File.WriteAllBytesAsync(file, PairwiseCL.Web.Tests.Datasets.TestArchives.Wav(0.1 + i * 0.01));
            utterances.Add(new Utterance(utteranceId, $"f{i}.wav", 0.1, "s1", "1", "neu"));
        }
        var id = await portal.Get<CorpusRepository>().SaveAsync(new Corpus("nested", root, utterances, []));
        var browser = portal.CreateBrowser();
        await Browser.SignInAsync(browser, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        foreach (var (utteranceId, i) in ids.Select((u, i) => (u, i)))
        {
            var clip = await browser.GetAsync("/" + PairwiseCL.Web.Corpora.CorpusAudioEndpoints.AudioUrl(id, utteranceId));

            Assert.True(clip.StatusCode == HttpStatusCode.OK, $"{utteranceId}: {clip.StatusCode} {await clip.Content.ReadAsStringAsync()}");
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(root, $"f{i}.wav")), await clip.Content.ReadAsByteArrayAsync());
        }
    }
}
