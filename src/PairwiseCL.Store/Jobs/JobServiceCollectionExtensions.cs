using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Store.Corpora;

namespace PairwiseCL.Store.Jobs;

public static class JobServiceCollectionExtensions
{
    /// <summary>
    /// The embedded queue: <see cref="IJobDispatcher"/> over SQLite plus the in-process worker (section
    /// "Jobs" configures its devices). Register after the store migrator so the tables exist when it starts.
    /// </summary>
    public static IServiceCollection AddEmbeddedJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobOptions>().Bind(configuration.GetSection(JobOptions.SectionName));
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<IJobDispatcher, EmbeddedJobDispatcher>();
        services.AddHostedService<EmbeddedJobWorker>();
        services.AddJobHandler<AudioFileCheckJob>();
        return services;
    }

    /// <summary>Registers a handler; the worker resolves handlers in a fresh scope per job.</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services) where THandler : class, IJobHandler =>
        services.AddScoped<IJobHandler, THandler>();
}
