using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PairwiseCL.Web.Authorization;

namespace PairwiseCL.Web.Health;

/// <summary>
/// GET /health, anonymous (container health checks and load balancers have no account): the overall status
/// as JSON, 200 when healthy or degraded, 503 when unhealthy. Signed-in owners also get each check (the
/// database, the data folder with its path and free space, the compute device); nobody else learns paths or sizes.
/// </summary>
public static class HealthEndpoints
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static IServiceCollection AddPortalHealthChecks(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName);
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<DataFolderHealthCheck>("dataFolder")
            .AddCheck<ComputeDeviceHealthCheck>("computeDevice");
        return services;
    }

    public static void MapPortalHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteJson,
        }).AllowAnonymous();

    private static async Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var owner = context.User.Identity?.IsAuthenticated == true
            && (await context.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(context.User, PortalPolicies.Owner)).Succeeded;
        object body = owner
            ? new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    data = e.Value.Data,
                }),
            }
            : new { status = report.Status.ToString() };
        await context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
