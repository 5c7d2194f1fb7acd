using PairwiseCL.Web.Extensions;
using PairwiseCL.Web.Workers;

// `worker`: the same services without the HTTP server, running jobs for a portal on another host.
if (WorkerMode.IsRequested(args))
    return await WorkerMode.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalServices();

var app = builder.Build();
app.MapPortal();
app.Run();
return 0;

/// <summary>Entry point; public so integration tests can host the real application.</summary>
public partial class Program;
