using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>
/// The built portal (<c>dotnet PairwiseCL.Web.dll</c>) as a separate process on a free local port, over
/// the store of a <see cref="PortalFactory"/> folder, so a test can kill it as a crash would and start it again.
/// </summary>
public sealed class PortalProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private PortalProcess(string folder, int port, double staleAfterSeconds)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PairwiseCL.Web.dll"));
        foreach (var (key, value) in Settings(folder, port, staleAfterSeconds))
            start.ArgumentList.Add($"--{key}={value}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything the process wrote, for failure messages.</summary>
    public string Output => string.Join('\n', output);

    /// <summary>Starts the portal and waits until its health endpoint answers; a portal that does not is killed.</summary>
    public static async Task<PortalProcess> StartAsync(string folder, double staleAfterSeconds, TimeSpan timeout)
    {
        var portal = new PortalProcess(folder, FreePort(), staleAfterSeconds);
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

    /// <summary>Ends the process and its children at once, as a crash or power loss would: nothing is flushed or handed back.</summary>
    public void Kill()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

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
