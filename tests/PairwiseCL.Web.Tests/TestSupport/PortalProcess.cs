using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>
/// The built portal (<c>dotnet PairwiseCL.Web.dll</c>) as a separate process on a free local port, over
/// the store of a <see cref="PortalFactory"/> folder, so a test can kill it as a crash would and start it again.
/// </summary>
public sealed class PortalProcess : IDisposable
{
    private readonly PortalBinaryProcess process;

    private PortalProcess(string folder, int port, double staleAfterSeconds, IReadOnlyDictionary<string, string>? settings)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        process = new PortalBinaryProcess(Settings(folder, port, staleAfterSeconds).Concat((settings ?? new Dictionary<string, string>()).Select(s => (s.Key, s.Value)))
            .Select(s => $"--{s.Item1}={s.Item2}"));
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything the process wrote, for failure messages.</summary>
    public string Output => process.Output;

    /// <summary>Starts the portal and waits until its health endpoint answers; a portal that does not is killed.</summary>
    /// <param name="settings">More settings (a PostgreSQL store, the job engine), after and above the defaults.</param>
    public static async Task<PortalProcess> StartAsync(string folder, double staleAfterSeconds, TimeSpan timeout, IReadOnlyDictionary<string, string>? settings = null)
    {
        var portal = new PortalProcess(folder, FreePort(), staleAfterSeconds, settings);
        try
        {
            await portal.WaitUntilHealthyAsync(timeout);
            return portal;
        }
        catch
        {
            portal.Dispose();
            throw;
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Assert.False(process.HasExited, $"The portal exited with {(process.HasExited ? process.ExitCode : 0)}:\n{Output}");
            try
            {
                if ((await client.GetAsync("health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting up slowly.
            }
            Assert.True(DateTime.UtcNow < deadline, $"The portal did not answer within {timeout}:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>A browser-like client (cookies, no redirects followed) for this process.</summary>
    public HttpClient CreateBrowser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };

    /// <summary>Launches <paramref name="draft"/> through the experiments API as the administrator; returns the experiment's job id.</summary>
    public async Task<long> LaunchExperimentAsync(PairwiseCL.Web.Experiments.ExperimentDraft draft)
    {
        using var admin = CreateBrowser();
        var signedIn = await Browser.SignInAsync(admin, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var response = await admin.PostAsJsonAsync("api/experiments", draft);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PairwiseCL.Web.Experiments.LaunchResult>())!.JobId!.Value;
    }

    /// <summary>Ends the process and its children at once, as a crash or power loss would: nothing is flushed or handed back.</summary>
    public void Kill() => process.Kill();

    public void Dispose() => process.Dispose();

    private static IEnumerable<(string Key, string Value)> Settings(string folder, int port, double staleAfterSeconds) =>
    [
        ("Kestrel:Endpoints:Http:Url", $"http://127.0.0.1:{port}"),
        ("Storage:DataFolder", Path.Combine(folder, "data")),
        ("Storage:DatabasePath", Path.Combine(folder, "store", "portal.db")),
        ("Storage:FeatureCachePath", Path.Combine(folder, "features")),
        ("Portal:Admin:Email", PortalFactory.AdminEmail),
        ("Portal:Admin:Password", PortalFactory.AdminPassword),
        ("Jobs:StaleAfterSeconds", staleAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
