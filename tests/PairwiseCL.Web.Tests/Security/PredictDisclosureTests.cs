using System.Net;
using System.Net.Http.Headers;
using PairwiseCL.Web.Tests.Experiments;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>A clip the decoders refuse gets a 400 with the reason and the uploaded file's name, never the server's temporary path of the upload.</summary>
[Collection(FinishedExperimentCollection.Name)]
public sealed class PredictDisclosureTests(FinishedExperiment finished)
{
    public static TheoryData<string, byte[]> RefusedClips => new()
    {
        // Not RIFF: ffmpeg is tried, and its last stderr line names the input file.
        { "notes.ogg", "OggS but not really an ogg stream at all, only text"u8.ToArray() },
        { "cut.wav", [.. "RIFF"u8.ToArray(), 0xff, 0xff, 0, 0, .. "WAVEfmt "u8.ToArray(), 16, 0, 0, 0, 1, 0, 1, 0] },
    };

    [Theory]
    [MemberData(nameof(RefusedClips))]
    public async Task ARefusedClip_IsExplainedWithoutServerPaths(string name, byte[] bytes)
    {
        var admin = await SignedInUsers.BrowserAsync(finished.Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var clip = new ByteArrayContent(bytes);
        clip.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        var response = await admin.PostAsync($"/api/experiments/{finished.ExperimentId}/models/mel-supervised/predict",
            new MultipartFormDataContent { { clip, "audio", name } });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Not an audio clip", body);
        Assert.Contains($"'{name}'", body); // the member's own file name, in place of the server's
        Assert.DoesNotContain("pairwisecl-clip-", body);
        Assert.DoesNotContain(Path.TrimEndingDirectorySeparator(Path.GetTempPath()), body);
        Assert.DoesNotContain("/tmp/", body);
        Assert.DoesNotContain(finished.Portal.Folder, body); // nor the data folder
    }
}
