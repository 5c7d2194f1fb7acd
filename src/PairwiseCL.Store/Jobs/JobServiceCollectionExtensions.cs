using Microsoft.Extensions.Configuration;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PairwiseCL.Store.Corpora;

namespace PairwiseCL.Store.Jobs;

public static class JobServiceCollectionExtensions
{
    /// <summary>
    /// The job engine section "Jobs" selects: the embedded queue (our records in the store, run by an in-process loop
    /// per device) or Hangfire (the same records, delivered through Hangfire's queues on the PostgreSQL store to any
    /// number of worker hosts). Register after the store migrator so the tables exist when it starts.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobOptions>().Bind(configuration.GetSection(JobOptions.SectionName))
            .Validate(o => JobEngines.IsKnown(o.Engine), "Jobs:Engine must be 'embedded' or 'hangfire'.")
            .ValidateOnStart();
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobExecutor>();
        services.AddJobHandler<AudioFileCheckJob>();
        var jobs = configuration.GetSection(JobOptions.SectionName).Get<JobOptions>() ?? new JobOptions();
        if (!jobs.IsHangfire)
        {
            services.AddSingleton<JobSignal>();
            services.AddSingleton<IJobDispatcher, EmbeddedJobDispatcher>();
            services.AddHostedService<EmbeddedJobWorker>();
            return services;
        }
        // A host may register its own JobStorage first (the tests try Hangfire's SQLite storage this way).
        services.TryAddSingleton<JobStorage>(sp =>
        {
            HangfireLogProvider.Use(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>());
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (!storage.IsPostgres)
                throw new InvalidOperationException("Jobs:Engine 'hangfire' runs on the PostgreSQL store: set Storage:Provider to 'postgres' (the embedded engine serves SQLite).");
            return HangfireStorage.ForPostgres(storage.ConnectionString!, sp.GetRequiredService<IOptions<JobOptions>>().Value);
        });
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<LocalDevices>();
        services.AddTransient<HangfireJobRunner>();
        services.AddSingleton<IJobDispatcher, HangfireJobDispatcher>();
        services.AddHostedService<HangfireJobHost>();
        return services;
    }

    /// <summary>Registers a handler; the worker resolves handlers in a fresh scope per job.</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services) where THandler : class, IJobHandler =>
        services.AddScoped<IJobHandler, THandler>();
}
