using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PairwiseCL.Store;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.ApiTokens;

namespace PairwiseCL.Web.Accounts;

public static class AccountServiceExtensions
{
    public const string LoginPath = "/Account/Login";

    /// <summary>ASP.NET Core Identity with cookie sign-in over the store, plus first-start administrator creation.</summary>
    public static void AddPortalAccounts(this WebApplicationBuilder builder)
    {
        // Keys live in the data folder so sign-in cookies survive restarts and container rebuilds.
        var dataFolder = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        builder.Services.AddDataProtection()
            .SetApplicationName("PairwiseCL")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder.DataFolderFullPath, "keys")));
        // The sign-in cookie for people, a bearer API token for scripts (ApiTokenAuthentication picks per request).
        builder.Services.AddPortalAuthentication().AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = LoginPath;
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
        });
        builder.Services.AddIdentityCore<PortalUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Password.RequiredLength = 8;
                identity.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        builder.Services.AddScoped<AccountService>();
        // Registered after the store migrator, so it runs once the tables exist.
        builder.Services.AddHostedService<AdminBootstrapper>();
    }

    /// <summary>Sign-out is a POST with an anti-forgery token, so another site cannot sign a user out.</summary>
    public static void MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/Account/Logout", async (SignInManager<PortalUser> signInManager, [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect(LocalUrl.OrRoot(returnUrl));
        }).AllowAnonymous();
    }
}
