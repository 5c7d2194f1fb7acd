using System.Net;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Security;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>
/// CSRF: a signed-in editor's browser, driven by a page on another site, posts to the import and analysis
/// APIs. Such posts are refused with 403 before they reach the endpoint; the same request from the
/// portal's own pages or from a script (no Origin) still arrives.
/// </summary>
public sealed class CrossSiteRequestTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Evil = "http://evil.example";

    public static TheoryData<string> StateChangingApis => new() { "/api/experiments/import", "/api/experiments/999/analysis", "/api/experiments" };

    [Theory]
    [MemberData(nameof(StateChangingApis))]
    public async Task APostFromAnotherSitesPage_IsRefused(string path)
    {
        var editor = await EditorAsync();

        var fromEvil = await PostAsync(editor, path, ("Origin", Evil));
        var fromNullOrigin = await PostAsync(editor, path, ("Origin", "null"));
        var fetchMetadataOnly = await PostAsync(editor, path, ("Sec-Fetch-Site", "cross-site"));

        foreach (var response in new[] { fromEvil, fromNullOrigin, fetchMetadataOnly })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal(CrossSiteRequestGuard.Refusal, await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [MemberData(nameof(StateChangingApis))]
    public async Task APostFromThePortalsOwnPage_OrFromAScript_ReachesTheEndpoint(string path)
    {
        var editor = await EditorAsync();
        var origin = editor.BaseAddress!.GetLeftPart(UriPartial.Authority);

        var sameOrigin = await PostAsync(editor, path, ("Origin", origin), ("Sec-Fetch-Site", "same-origin"));
        var script = await PostAsync(editor, path);

        // 400 (no archive / not a draft) or 404 (no such experiment): the endpoint itself answered.
        Assert.All([sameOrigin, script], r => Assert.True(r.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.UnsupportedMediaType, $"{path}: {r.StatusCode}"));
    }

    private async Task<HttpClient> EditorAsync()
    {
        var email = $"editor-{Guid.NewGuid():N}@lab.test";
        await SignedInUsers.CreateAsync(portal, email, WorkspaceRole.Editor);
        return await SignedInUsers.BrowserAsync(portal, email);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, params (string Name, string Value)[] headers)
    {
        var content = new MultipartFormDataContent { { new ByteArrayContent("not a zip"u8.ToArray()), "archive", "x.zip" } };
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await client.SendAsync(request);
    }
}
