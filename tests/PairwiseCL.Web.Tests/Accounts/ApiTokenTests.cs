using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.ApiTokens;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Accounts;

/// <summary>Personal access tokens: scripts call the API with <c>Authorization: Bearer</c>, as the member, with the member's role.</summary>
public sealed class ApiTokenTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task EditorsToken_ListsAndImports_FromAnyOrigin_WithoutCookieOrAntiforgery()
    {
        var token = await CreateTokenAsync("token-editor@lab.test", WorkspaceRole.Editor);
        var script = Client(token);

        var list = await script.GetAsync("/api/experiments");
        var import = new HttpRequestMessage(HttpMethod.Post, "/api/experiments/import") { Content = new MultipartFormDataContent() };
        // A script's request may name any origin (or none): the token, not the origin, proves who sends it.
        import.Headers.Add("Origin", "https://elsewhere.example");
        var imported = await script.SendAsync(import);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.ValueKind);
        // Past authentication and the editor check: the importer itself explains the empty form.
        Assert.Equal(HttpStatusCode.BadRequest, imported.StatusCode);
        Assert.Contains("archive", await imported.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ViewersToken_ReadsButIsForbiddenToImport()
    {
        var script = Client(await CreateTokenAsync("token-viewer@lab.test", WorkspaceRole.Viewer));

        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/experiments")).StatusCode);
        var import = await script.PostAsync("/api/experiments/import", new MultipartFormDataContent());
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        Assert.Null(import.Headers.Location);
    }

    [Fact]
    public async Task RevokedOrUnknownToken_Answers401WithTheReason_NotARedirect()
    {
        await using var member = await SignedInScope.MemberAsync(portal, "token-revoker@lab.test", WorkspaceRole.Editor);
        var service = member.Get<ApiTokenService>();
        var token = (await service.CreateAsync("to revoke")).Token!;
        Assert.Equal(HttpStatusCode.OK, (await Client(token).GetAsync("/api/experiments")).StatusCode);

        Assert.True(await service.RevokeAsync((await service.ListAsync()).Single().Id));
        var revoked = await Client(token).GetAsync("/api/experiments");
        var unknown = await Client(ApiTokenService.TokenPrefix + "not-a-token").GetAsync("/api/experiments");

        foreach (var response in new[] { revoked, unknown })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
            Assert.Contains("unknown or revoked", await response.Content.ReadAsStringAsync());
        }
        Assert.False(await service.RevokeAsync((await service.ListAsync()).Single().Id));
    }

    [Fact]
    public async Task TokenIsStoredOnlyAsAHash_ListedByItsPrefix_AndOnlyToItsOwner()
    {
        var token = await CreateTokenAsync("token-owner@lab.test", WorkspaceRole.Viewer);
        await using var other = await SignedInScope.MemberAsync(portal, "token-other@lab.test", WorkspaceRole.Owner);

        await using (var db = await portal.CreateDbContextAsync())
        {
            var stored = await db.ApiTokens.AsNoTracking().SingleAsync(t => t.User!.Email == "token-owner@lab.test");
            Assert.NotEqual(token, stored.TokenHash);
            Assert.DoesNotContain(token, stored.TokenHash + stored.Prefix + stored.Name);
            Assert.StartsWith(stored.Prefix, token);
            Assert.True(token.Length > stored.Prefix.Length + 30);
        }
        // Another member (even an owner) neither sees nor revokes it.
        Assert.Empty(await other.Get<ApiTokenService>().ListAsync());
    }

    [Fact]
    public async Task ANameIsRequired()
    {
        await using var member = await SignedInScope.MemberAsync(portal, "token-noname@lab.test", WorkspaceRole.Viewer);

        var creation = await member.Get<ApiTokenService>().CreateAsync("  ");

        Assert.Null(creation.Token);
        Assert.Contains("name", creation.Problem);
    }

    [Theory]
    [InlineData("/api/experiments")]
    [InlineData("/api/experiments/1/models")]
    [InlineData("/api/corpora/1/audio/clip")]
    public async Task SignedOutApiRequests_Answer401_NotARedirect(string url)
    {
        var response = await portal.CreateBrowser().GetAsync(url);

        // 401 (ASP.NET Core's cookie handler names the sign-in page in Location, but does not redirect).
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<string> CreateTokenAsync(string email, WorkspaceRole role)
    {
        await using var member = await SignedInScope.MemberAsync(portal, email, role);
        var creation = await member.Get<ApiTokenService>().CreateAsync("test script");
        Assert.Null(creation.Problem);
        Assert.StartsWith(ApiTokenService.TokenPrefix, creation.Token);
        return creation.Token!;
    }

    /// <summary>A client without cookies, as a script: only the bearer header says who it is.</summary>
    private HttpClient Client(string token)
    {
        var client = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
