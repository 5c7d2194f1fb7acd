using Microsoft.Extensions.Configuration;

namespace PairwiseCL.Cli.Commands;

/// <summary>
/// The CLI reads the same appsettings.json as the portal (linked into its output) plus environment
/// variables (Storage__FeatureCachePath=...). Relative paths resolve against the current directory.
/// </summary>
internal sealed record CliSettings(string DataFolder, string FeatureCachePath, IConfiguration Configuration)
{
    public static CliSettings Load()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var data = configuration["Storage:DataFolder"] ?? "data";
        var cache = configuration["Storage:FeatureCachePath"] ?? Path.Combine(data, "features");
        return new CliSettings(Path.GetFullPath(data), Path.GetFullPath(cache), configuration);
    }
}
