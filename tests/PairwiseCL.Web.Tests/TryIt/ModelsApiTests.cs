using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using PairwiseCL.Core.Models;
using PairwiseCL.Web.Apis;
using PairwiseCL.Web.Tests.Experiments;
using PairwiseCL.Web.Tests.TestSupport;
using PairwiseCL.Web.TryIt;

namespace PairwiseCL.Web.Tests.TryIt;

[Collection(FinishedExperimentCollection.Name)]
public sealed class ModelsApiTests(FinishedExperiment finished)
{
    private PortalFactory Portal => finished.Portal;

    private string Models => $"/api/experiments/{finished.ExperimentId}/models";

    [Fact]
    public async Task Member_ListsTheFineTunedModels_AndGetsProbabilitiesForAClip()
    {
        var admin = await SignedInUsers.BrowserAsync(Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        var models = await admin.GetFromJsonAsync<List<ModelSummary>>(Models);
        Assert.NotNull(models);
        var expected = finished.Draft.Views.SelectMany(v => finished.Draft.Methods.Select(m => ModelConfiguration.NameOf(v, m))).Order();
        Assert.Equal(expected, models.Select(m => m.Name).Order());

        var response = await admin.PostAsync($"{Models}/mel-supervised/predict", Clip(finished.AnyClip(), "clip.wav"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var prediction = await response.Content.ReadFromJsonAsync<ModelsApi.PredictionResponse>();
        Assert.Equal("mel-supervised", prediction!.Model);
        Assert.Equal(models.Single(m => m.Name == "mel-supervised").ClassNames.Order(), prediction.Probabilities.Keys.Order());
        Assert.Equal(1.0, prediction.Probabilities.Values.Sum(), 6);
        Assert.Equal(prediction.Probabilities.MaxBy(kv => kv.Value).Key, prediction.Predicted);
        Assert.Contains("\"probabilities\":{", body);
    }

    [Fact]
    public async Task NonAudioAndMissingFieldAre400_UnknownModelIs404()
    {
        var admin = await SignedInUsers.BrowserAsync(Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        var text = await admin.PostAsync($"{Models}/mel-supervised/predict", Clip("just some text, not a recording"u8.ToArray(), "notes.wav"));
        var noField = await admin.PostAsync($"{Models}/mel-supervised/predict", new MultipartFormDataContent { { new StringContent("x"), "other" } });
        var json = await admin.PostAsJsonAsync($"{Models}/mel-supervised/predict", new { audio = "x" });
        var unknown = await admin.PostAsync($"{Models}/no-such-model/predict", Clip(finished.AnyClip(), "clip.wav"));
        var traversal = await admin.PostAsync($"{Models}/..%2F..%2Fmodels%2Fmel-supervised/predict", Clip(finished.AnyClip(), "clip.wav"));

        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Contains("Not an audio clip", await text.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, noField.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
    }

    [Fact]
    public async Task Member_DownloadsAModelAsZipOfWeightsAndConfiguration()
    {
        var admin = await SignedInUsers.BrowserAsync(Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        var response = await admin.GetAsync($"{Models}/mel-supervised/download");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        Assert.Equal(new[] { "mel-supervised/model.bin", "mel-supervised/model.json" }, zip.Entries.Select(e => e.FullName).Order());
        var folder = Path.Combine(Portal.Folder, $"download-{Guid.NewGuid():N}");
        zip.ExtractToDirectory(folder);
        var configuration = ModelFiles.ReadConfiguration(Path.Combine(folder, "mel-supervised"));
        Assert.Equal("mel", configuration.View);
        Assert.NotEmpty(configuration.ViewConfigurationKey);
        using var model = ModelFiles.Load(Path.Combine(folder, "mel-supervised"), configuration);
    }

    [Fact]
    public async Task UserOutsideTheWorkspace_CannotListPredictOrDownload()
    {
        await SignedInUsers.CreateAsync(Portal, "model-outsider@lab.test", role: null);
        var outsider = await SignedInUsers.BrowserAsync(Portal, "model-outsider@lab.test");
        var anonymous = Portal.CreateClient(new() { AllowAutoRedirect = false });

        var responses = new[]
        {
            await outsider.GetAsync(Models),
            await outsider.PostAsync($"{Models}/mel-supervised/predict", Clip(finished.AnyClip(), "clip.wav")),
            await outsider.GetAsync($"{Models}/mel-supervised/download"),
            await anonymous.PostAsync($"{Models}/mel-supervised/predict", Clip(finished.AnyClip(), "clip.wav")),
        };

        Assert.All(responses.Take(3), r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound }));
        Assert.Equal(HttpStatusCode.Unauthorized, responses[3].StatusCode);
    }

    [Fact]
    public async Task TryItPage_OffersTheModels_AndTheResultsPageLinksToIt()
    {
        var admin = await SignedInUsers.BrowserAsync(Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        var page = await (await admin.GetAsync($"/experiments/{finished.ExperimentId}/try")).Content.ReadAsStringAsync();
        var results = await (await admin.GetAsync($"/experiments/{finished.ExperimentId}")).Content.ReadAsStringAsync();

        var first = finished.Draft.Views.SelectMany(v => finished.Draft.Methods.Select(m => ModelConfiguration.NameOf(v, m))).Order(StringComparer.Ordinal).First();
        Assert.Contains(ModelsApi.PredictUrl(finished.ExperimentId, first), page);
        Assert.Contains(ModelsApi.DownloadUrl(finished.ExperimentId, first), page);
        Assert.Contains($"experiments/{finished.ExperimentId}/try", results);
    }

    private static MultipartFormDataContent Clip(byte[] bytes, string fileName) =>
        new() { { new ByteArrayContent(bytes), "audio", fileName } };
}
