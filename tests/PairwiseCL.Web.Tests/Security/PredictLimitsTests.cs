using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using PairwiseCL.Web.Apis;
using PairwiseCL.Web.Tests.Experiments;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>
/// Any viewer may post a clip to predict: what the clip declares must not decide the work. A 4 KB WAV
/// declaring 1 Hz was resampled in full (2,000 s to 32 M samples) before it was trimmed; absurd rates are
/// now refused with a 400 naming the rate, and long clips are cut at TryIt:MaxClipSeconds (60 s) before
/// resampling, which the answer says.
/// </summary>
[Collection(FinishedExperimentCollection.Name)]
public sealed class PredictLimitsTests(FinishedExperiment finished)
{
    [Theory]
    [InlineData(1u)]
    [InlineData(3_999u)]
    [InlineData(384_001u)]
    [InlineData(7_000_001u)]
    public async Task AClipDeclaringAnAbsurdSampleRate_Is400NamingTheRateAndTheRange(uint rate)
    {
        var response = await PostAsync(HostileWavs.Pcm16(rate, 2_000));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains($"sample rate of {rate:N0} Hz", body);
        Assert.Contains("4,000 to 384,000 Hz", body);
    }

    [Fact]
    public async Task AClipLongerThanTheLimit_IsClassifiedFromItsFirst60Seconds_AndTheAnswerSaysSo()
    {
        const int rate = 8_000;
        var longClip = HostileWavs.Pcm16(rate, 90 * rate);
        var firstMinute = HostileWavs.Pcm16(rate, 60 * rate);

        var whole = await PostAsync(longClip);
        var cut = await PostAsync(firstMinute);

        Assert.True(whole.StatusCode == HttpStatusCode.OK, await whole.Content.ReadAsStringAsync());
        var wholeAnswer = (await whole.Content.ReadFromJsonAsync<ModelsApi.PredictionResponse>())!;
        var cutAnswer = (await cut.Content.ReadFromJsonAsync<ModelsApi.PredictionResponse>())!;
        Assert.Equal("The clip is longer than 60 s; only its first 60 s were classified.", wholeAnswer.Note);
        Assert.Null(cutAnswer.Note); // exactly the limit is not cut
        Assert.Equal(cutAnswer.Probabilities, wholeAnswer.Probabilities);
    }

    /// <summary>NaN probabilities cannot be serialised: such clips answered 500.</summary>
    [Theory]
    [InlineData(float.NaN, "NaN or infinite sample")]
    [InlineData(float.PositiveInfinity, "NaN or infinite sample")]
    [InlineData(float.NegativeInfinity, "NaN or infinite sample")]
    [InlineData(3e38f, "no finite probabilities")]
    public async Task AFloatClipWithNaNOrInfiniteSamples_Is400WithTheReason(float value, string problem)
    {
        var response = await PostAsync(HostileWavs.Float32ToneWith(value));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode} {body}");
        Assert.Contains(problem, body);
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] wav)
    {
        var admin = await SignedInUsers.BrowserAsync(finished.Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var clip = new ByteArrayContent(wav);
        clip.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        return await admin.PostAsync($"/api/experiments/{finished.ExperimentId}/models/mel-supervised/predict",
            new MultipartFormDataContent { { clip, "audio", "clip.wav" } });
    }
}
