using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace PairwiseCL.Store;

/// <summary>
/// The top-level appsettings.json is linked into the portal's and the CLI's output folders. Adding that
/// copy lets either program find its settings wherever it is started from, while environment variables
/// and the command line still override it.
/// </summary>
public static class SharedAppSettings
{
    public const string FileName = "appsettings.json";

    /// <summary>
    /// Adds the output folder's appsettings.json just before the first JSON source already present (so
    /// a content-root appsettings.json, environment variables and arguments still win), or first.
    /// </summary>
    public static IConfigurationBuilder AddSharedAppSettings(this IConfigurationBuilder configuration)
    {
        var source = new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = FileName,
            Optional = true,
            ReloadOnChange = false,
        };
        var index = configuration.Sources.ToList().FindIndex(s => s is JsonConfigurationSource);
        configuration.Sources.Insert(index < 0 ? 0 : index, source);
        return configuration;
    }
}
