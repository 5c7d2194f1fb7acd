using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
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
        // The cookie's security stamp is checked against the store on every request, so sign-out (which
        // rotates it) ends every session of the account at once.
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        builder.Services.AddIdentityCore<PortalUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Password.RequiredLength = 8;
                // Lockout is per e-mail and client address (SignInThrottle): per account, anyone could lock anyone out.
                identity.Lockout.AllowedForNewUsers = false;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        builder.Services.AddScoped<AccountService>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddScoped<PasswordSignIn>();
        // Registered after the store migrator, so it runs once the tables exist.
        builder.Services.AddHostedService<AdminBootstrapper>();
    }

    /// <summary>Sign-out is a POST with an anti-forgery token, so another site cannot sign a user out.</summary>
    public static void MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/Account/Logout", async Task<IResult> (HttpContext http, SignInManager<PortalUser> signInManager, UserManager<PortalUser> users) =>
        {
            // Checked here, not by form binding: a [FromForm] parameter on a request whose token failed threw (500).
            if (http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
                return TypedResults.Problem("Signing out needs the anti-forgery token of a portal page; use Sign out in the portal's menu.",
                    statusCode: StatusCodes.Status400BadRequest);
            var returnUrl = http.Request.HasFormContentType ? (string?)(await http.Request.ReadFormAsync(http.RequestAborted))["returnUrl"] : null;
            // A new security stamp invalidates every cookie issued before, including a copy someone captured.
            if (await users.GetUserAsync(http.User) is { } user) await users.UpdateSecurityStampAsync(user);
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect(LocalUrl.OrRoot(returnUrl));
        }).AllowAnonymous().WithMetadata(new RequireAntiforgeryTokenAttribute()); // no form parameter adds it any more
    }
}
