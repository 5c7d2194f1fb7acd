using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>
/// Kestrel's default body limit (30,000,000 bytes) overrode the documented Datasets:MaxUploadBytes and
/// TryIt:MaxClipBytes: a 38 MB import and a 31 MB predict clip answered 500. Bodies up to the configured
/// limits now reach the endpoint, and larger ones answer 413 with a message. Served by real Kestrel on a
/// free loopback port (the in-memory test server applies no body limit).
/// </summary>
public sealed class UploadLimitTests : IAsyncLifetime
{
    private const long MaxUploadBytes = 40_000_000;
    private PortalFactory _portal = null!;
    private WebApplicationFactory<Program> _server = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _portal = PortalFactory.Create(configureServices: services =>
            services.PostConfigure<KestrelServerOptions>(kestrel => kestrel.Configure(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Endpoints:Http:Url"] = "http://127.0.0.1:0" })
                .Build())));
        _server = _portal.WithWebHostBuilder(web => web.UseSetting("Datasets:MaxUploadBytes", MaxUploadBytes.ToString()));
        _server.UseKestrel();
        _server.StartServer();
        _admin = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = _server.ClientOptions.BaseAddress,
            Timeout = TimeSpan.FromMinutes(5),
        };
        await Browser.SignInAsync(_admin, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
        await _portal.DisposeAsync();
    }

    [Fact]
    public async Task A31MBClip_ReachesPredict_AndOneOverTryItMaxClipBytesIs413WithAMessage()
    {
        var within = await PostAsync("/api/experiments/1/models/none/predict", "audio", 31_000_000);
        var over = await PostAsync("/api/experiments/1/models/none/predict", "audio", 34_000_000);

        Assert.Equal(HttpStatusCode.NotFound, within.StatusCode); // read in full, then: no such model
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Contains("The clip is larger than 32 MiB, the limit.", await over.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A38MBArchive_ReachesExperimentImport_AndOneOverDatasetsMaxUploadBytesIs413WithAMessage()
    {
        var within = await PostAsync("/api/experiments/import", "archive", 38_000_000);
        var over = await PostAsync("/api/experiments/import", "archive", 42_000_000);

        var withinBody = await within.Content.ReadAsStringAsync();
        Assert.True(within.StatusCode == HttpStatusCode.BadRequest, $"{within.StatusCode} {withinBody}");
        Assert.Contains("not a readable zip", withinBody); // read in full, then judged as an archive
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Contains("The archive is larger than", await over.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> PostAsync(string url, string field, int bytes)
    {
        var file = new ByteArrayContent(new byte[bytes]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        // As curl does for large bodies: the server can refuse before the body is sent (else a client still
        // sending sees the refused connection close, not the 413).
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new MultipartFormDataContent { { file, field, "upload.bin" } } };
        request.Headers.ExpectContinue = true;
        return await _admin.SendAsync(request);
    }
}
