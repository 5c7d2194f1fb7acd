using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PairwiseCL.Core.Audio;
using Spectre.Console;

namespace PairwiseCL.Cli.Commands;

/// <summary>
/// `pairwisecl loadtest`: a bounded load test of a running portal on this machine (loopback addresses only):
/// N clients for S seconds per target (/health, an experiment's results page, a model's predict endpoint),
/// reporting requests per second, median and 95th-percentile latency and errors.
/// </summary>
internal static class LoadTestCommand
{
    public const string Targets = "health,results,predict";

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The portal's address (loopback only).", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var token = new Option<string?>("--token") { Description = "A personal access token (API tokens page); default: $PAIRWISECL_TOKEN." };
        var experiment = new Option<int?>("--experiment") { Description = "Experiment whose results page and model are loaded (needed for results and predict)." };
        var model = new Option<string?>("--model") { Description = "Model for predict (default: the experiment's first model)." };
        var clip = new Option<string?>("--clip") { Description = "Audio file sent to predict (default: a generated 1 s, 16 kHz tone)." };
        var clients = new Option<int>("--clients") { Description = "Concurrent clients per target.", DefaultValueFactory = _ => 20 };
        var seconds = new Option<double>("--seconds") { Description = "Duration per target.", DefaultValueFactory = _ => 30 };
        var targets = new Option<string>("--targets") { Description = $"Comma-separated subset of {Targets}.", DefaultValueFactory = _ => Targets };

        var command = new Command("loadtest", "Load-test a portal on this machine: requests/s, p50/p95 latency and errors per endpoint.");
        foreach (var option in new Option[] { url, token, experiment, model, clip, clients, seconds, targets }) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) => CliRunner.Run(() => RunAsync(new LoadTestSettings(
            parse.GetValue(url)!, parse.GetValue(token) ?? Environment.GetEnvironmentVariable("PAIRWISECL_TOKEN"), parse.GetValue(experiment),
            parse.GetValue(model), parse.GetValue(clip), parse.GetValue(clients), parse.GetValue(seconds),
            parse.GetValue(targets)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(LoadTestSettings settings, CancellationToken cancellationToken)
    {
        var baseAddress = LoopbackAddress(settings.Url);
        if (settings.Clients is < 1 or > 1000) throw new CliUsageException("--clients must be between 1 and 1000.");
        if (settings.Seconds is <= 0 or > 600) throw new CliUsageException("--seconds must be above 0 and at most 600.");
        if (settings.Targets.Except(Targets.Split(',')).FirstOrDefault() is { } unknown)
            throw new CliUsageException($"Unknown target '{unknown}'; choose from {Targets}.");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Clients, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(120),
        };
        if (settings.Token is { Length: > 0 } bearer) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);

        var table = new Table().AddColumn("target").AddColumn("requests").AddColumn("requests/s").AddColumn("p50 ms").AddColumn("p95 ms").AddColumn("errors");
        foreach (var target in settings.Targets)
        {
            var request = await RequestFactoryAsync(target, settings, http, cancellationToken);
            var result = await LoadGenerator.RunAsync(http, request, settings.Clients, TimeSpan.FromSeconds(settings.Seconds), cancellationToken);
            table.AddRow(result.Describe(target));
        }
        AnsiConsole.MarkupLineInterpolated($"{settings.Clients} client(s) for {settings.Seconds:0.#} s per target on {baseAddress}:");
        AnsiConsole.Write(table);
        return 0;
    }

    /// <summary>Only loopback: the command is for measuring one's own portal, not for loading someone else's.</summary>
    internal static Uri LoopbackAddress(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CliUsageException($"'{url}' is not an http(s) address.");
        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        if (!loopback) throw new CliUsageException($"'{uri.Host}' is not a loopback address; loadtest only runs against a portal on this machine.");
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    private static async Task<Func<HttpRequestMessage>> RequestFactoryAsync(string target, LoadTestSettings settings, HttpClient http, CancellationToken cancellationToken)
    {
        if (target == "health") return () => new HttpRequestMessage(HttpMethod.Get, "health");
        var experiment = settings.Experiment ?? throw new CliUsageException($"The '{target}' target needs --experiment <id>.");
        if (target == "results") return () => new HttpRequestMessage(HttpMethod.Get, $"experiments/{experiment}");
        var model = settings.Model ?? await FirstModelAsync(http, experiment, cancellationToken);
        var audio = settings.Clip is null ? ToneWav() : await File.ReadAllBytesAsync(settings.Clip, cancellationToken);
        var name = settings.Clip is null ? "tone.wav" : Path.GetFileName(settings.Clip);
        return () =>
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(audio), "audio", name } };
            return new HttpRequestMessage(HttpMethod.Post, $"api/experiments/{experiment}/models/{Uri.EscapeDataString(model)}/predict") { Content = form };
        };
    }

    private static async Task<string> FirstModelAsync(HttpClient http, int experiment, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"api/experiments/{experiment}/models", cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new CliUsageException($"Listing the models of experiment {experiment} answered {(int)response.StatusCode}; check --experiment and --token.");
        using var models = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return models.RootElement.EnumerateArray().Select(m => m.GetProperty("name").GetString()).FirstOrDefault()
            ?? throw new CliUsageException($"Experiment {experiment} has no models; give another --experiment or leave predict out of --targets.");
    }

    private static byte[] ToneWav()
    {
        var samples = Enumerable.Range(0, 16000).Select(i => (float)(0.3 * Math.Sin(2 * Math.PI * 220 * i / 16000))).ToArray();
        var path = Path.GetTempFileName();
        try
        {
            WavWriter.WritePcm16(path, new AudioClip(samples, 16000));
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed record LoadTestSettings(string Url, string? Token, int? Experiment, string? Model, string? Clip, int Clients, double Seconds, string[] Targets);
}

/// <summary>Runs closed-loop clients against one request until the time is up and summarises what they saw.</summary>
internal static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(HttpClient http, Func<HttpRequestMessage> request, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new List<double>[clients];
        var errors = new int[clients];
        var firstError = new string?[clients];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            latencies[c] = [];
            while (watch.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var started = watch.Elapsed;
                try
                {
                    using var message = request();
                    using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        errors[c]++;
                        firstError[c] ??= $"{(int)response.StatusCode} {response.ReasonPhrase}";
                    }
                }
                catch (HttpRequestException e)
                {
                    errors[c]++;
                    firstError[c] ??= e.Message;
                }
                latencies[c].Add((watch.Elapsed - started).TotalMilliseconds);
            }
        }, cancellationToken)));
        watch.Stop();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(all.Length, watch.Elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.95), errors.Sum(), firstError.FirstOrDefault(e => e is not null));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

internal sealed record LoadResult(int Requests, double Seconds, double P50Milliseconds, double P95Milliseconds, int Errors, string? FirstError)
{
    public double RequestsPerSecond => Requests / Seconds;

    public string[] Describe(string target) =>
    [
        target, Requests.ToString(CultureInfo.InvariantCulture), RequestsPerSecond.ToString("F1", CultureInfo.InvariantCulture),
        P50Milliseconds.ToString("F1", CultureInfo.InvariantCulture), P95Milliseconds.ToString("F1", CultureInfo.InvariantCulture),
        Errors == 0 ? "0" : Markup.Escape($"{Errors} (first: {FirstError})"),
    ];
}
