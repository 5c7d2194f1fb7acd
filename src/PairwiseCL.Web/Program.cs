using PairwiseCL.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalServices();

var app = builder.Build();
app.MapPortal();
app.Run();

/// <summary>Entry point; public so integration tests can host the real application.</summary>
public partial class Program;
