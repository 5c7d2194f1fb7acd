using PairwiseCL.Store;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Extensions;

namespace PairwiseCL.Web.Workers;

/// <summary>
/// <c>PairwiseCL.Web worker --devices cuda:0,cuda:1 [--threads N] [--name NAME]</c> (what <c>pairwisecl worker</c> runs):
/// this binary without its HTTP server, taking jobs from the PostgreSQL store's Hangfire queues on a host that reaches
/// that store and the shared data folder. The job handlers live in the portal, so a worker builds the portal's own
/// services and starts only the store's migrator (which checks the data folder) and the job host; nothing listens.
/// </summary>
public static class WorkerMode
{
    public const string Command = "worker";

    public const string Usage = "usage: pairwisecl worker [--devices cpu|cuda:0,cuda:1,...] [--threads N] [--name NAME] [--Section:Key=value ...]";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Command;

    public static async Task<int> RunAsync(string[] args)
    {
        WorkerArguments parsed;
        try
        {
            parsed = WorkerArguments.Parse(args.Skip(1).ToList());
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\n{Usage}");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(parsed.Rest.ToArray());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{JobOptions.SectionName}:{nameof(JobOptions.RunJobs)}"] = "true",
            [$"{StorageOptions.SectionName}:{nameof(StorageOptions.VerifyDataFolder)}"] = "true",
        });
        if (parsed.Name is { } name)
            builder.Configuration[$"{JobOptions.SectionName}:{nameof(JobOptions.WorkerName)}"] = name;
        builder.AddPortalServices();

        var jobs = builder.Configuration.GetSection(JobOptions.SectionName).Get<JobOptions>() ?? new JobOptions();
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (!jobs.IsHangfire || !storage.IsPostgres)
        {
            await Console.Error.WriteLineAsync("A worker takes jobs from the shared PostgreSQL store: set Storage:Provider=postgres, Storage:ConnectionString "
                + "and Jobs:Engine=hangfire (as the portal has them). With the embedded engine the portal runs its jobs itself.");
            return 2;
        }
        if (parsed.Devices is { } devices)
            builder.Services.PostConfigure<JobOptions>(o => o.Devices = devices.ToList());
        if (parsed.Threads is { } threads)
            TorchSharp.torch.set_num_threads(threads);
        KeepOnlyStoreHostedServices(builder.Services);
        // The web host's own start-up service is added when the app is built, so the server is replaced rather than removed.
        builder.Services.AddSingleton<Microsoft.AspNetCore.Hosting.Server.IServer, NoHttpServer>();

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorkerMode));
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JobOptions>>().Value;
        logger.LogInformation("Worker {Worker} on {Devices}{Threads}, store {Store}, data folder {DataFolder}", options.EffectiveWorkerName,
            string.Join(", ", options.EffectiveDevices), parsed.Threads is { } t ? $" ({t} thread(s))" : "", storage.Describe(), storage.DataFolderFullPath);
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (Refusal(e) is { } refusal)
        {
            await Console.Error.WriteLineAsync($"The worker did not start: {refusal.Message}");
            return 3;
        }
    }

    /// <summary>
    /// The migrator and the job host (both in the store's assembly) are all a worker needs; the portal's other background
    /// services (the HTTP server, the upload sweep that assumes no upload is in flight, the first-administrator set-up)
    /// belong to the portal alone.
    /// </summary>
    private static void KeepOnlyStoreHostedServices(IServiceCollection services)
    {
        var store = typeof(StoreMigrator).Assembly;
        var others = services.Where(d => d.ServiceType == typeof(IHostedService) && !d.IsKeyedService && d.ImplementationType?.Assembly != store).ToList();
        foreach (var descriptor in others) services.Remove(descriptor);
    }

    private static Exception? Refusal(Exception e) => e switch
    {
        DataFolderMismatchException => e,
        Microsoft.Extensions.Options.OptionsValidationException => e,
        AggregateException aggregate => aggregate.InnerExceptions.Select(Refusal).FirstOrDefault(r => r is not null),
        _ => null,
    };
}

/// <summary>The worker's HTTP server: none. The web host starts it and nothing listens.</summary>
internal sealed class NoHttpServer : Microsoft.AspNetCore.Hosting.Server.IServer
{
    public Microsoft.AspNetCore.Http.Features.IFeatureCollection Features { get; } = new Microsoft.AspNetCore.Http.Features.FeatureCollection();

    public Task StartAsync<TContext>(Microsoft.AspNetCore.Hosting.Server.IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull =>
        Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}

/// <summary>The worker's own options; everything else goes to configuration (<c>--Storage:ConnectionString=...</c>).</summary>
internal sealed record WorkerArguments(IReadOnlyList<string>? Devices, int? Threads, string? Name, IReadOnlyList<string> Rest)
{
    public static WorkerArguments Parse(IReadOnlyList<string> args)
    {
        IReadOnlyList<string>? devices = null;
        int? threads = null;
        string? name = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var (option, inline) = args[i].Split('=', 2) is [var o, var v] && args[i].StartsWith("--", StringComparison.Ordinal) ? (o, v) : (args[i], null);
            string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{option} needs a value."));
            switch (option)
            {
                case "--devices":
                    devices = Value().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    if (devices.Count == 0) throw new ArgumentException("--devices needs at least one device (cpu, cuda:0, ...).");
                    foreach (var device in devices) JobQueues.For(device);
                    break;
                case "--threads":
                    var text = Value();
                    threads = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 1024
                        ? n : throw new ArgumentException($"--threads must be a whole number from 1 to 1024, not '{text}'.");
                    break;
                case "--name":
                    name = Value().Trim();
                    if (name.Length is 0 or > 100) throw new ArgumentException("--name must have 1 to 100 characters.");
                    break;
                case "--help" or "-h":
                    throw new ArgumentException("Runs jobs of a portal whose store is PostgreSQL (Jobs:Engine=hangfire), on this host's devices.");
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        return new WorkerArguments(devices, threads, name, rest);
    }
}
