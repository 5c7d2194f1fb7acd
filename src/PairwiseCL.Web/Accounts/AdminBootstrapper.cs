using Microsoft.Extensions.Options;

namespace PairwiseCL.Web.Accounts;

/// <summary>
/// On a first start with Portal:Admin:Email/Password configured, creates that administrator. Without
/// them, or when they are rejected (e.g. a weak password), the one-time setup page stays open instead,
/// so a bad setting never stops the portal.
/// </summary>
internal sealed class AdminBootstrapper(IServiceScopeFactory scopes, IOptions<PortalOptions> options, ILogger<AdminBootstrapper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value.Admin;
        await using var scope = scopes.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        if (!await accounts.IsSetupOpenAsync()) return;
        if (!admin.IsConfigured)
        {
            logger.LogWarning("No users yet and Portal:Admin is not configured: open /Account/Setup to create the administrator.");
            return;
        }
        var result = await accounts.CreateFirstAdministratorAsync(admin.Email, admin.Password, "Administrator", cancellationToken);
        if (!result.Succeeded)
            logger.LogError("Portal:Admin could not be created ({Errors}); open /Account/Setup instead.", string.Join(" ", result.Errors));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
