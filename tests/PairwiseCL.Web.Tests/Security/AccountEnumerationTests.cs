using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Accounts;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>
/// Sign-in tells nobody whether an account exists: an unknown e-mail costs a password hash like a real
/// one (the time difference was 2 ms vs 105 ms) and gets the same message, locks out the same way, and
/// lockout is per e-mail and client address, so no one can lock an account from elsewhere.
/// </summary>
public sealed partial class AccountEnumerationTests : IDisposable
{
    private const string ClientHeader = "X-Test-Client";
    private readonly PortalFactory portal = PortalFactory.Create(configureServices: services =>
    {
        services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
        services.AddSingleton<HashCounter>();
        services.AddScoped<IPasswordHasher<PortalUser>, CountingHasher>();
    });

    [Fact]
    public async Task AnUnknownEmail_CostsAPasswordHash_AndGetsTheSameMessageAsAWrongPassword()
    {
        var counter = portal.Get<HashCounter>();
        var client = Client("192.0.2.1");

        var before = counter.Verifications;
        var unknown = await MessageAsync(await Browser.SignInAsync(client, "nobody@lab.test", "Guess#Pass123"));
        var afterUnknown = counter.Verifications;
        var wrong = await MessageAsync(await Browser.SignInAsync(client, PortalFactory.AdminEmail, "Guess#Pass123"));

        Assert.Equal(1, afterUnknown - before);
        Assert.Equal(1, counter.Verifications - afterUnknown);
        Assert.Equal(PasswordSignIn.RefusedMessage, unknown);
        Assert.Equal(unknown, wrong);
    }

    [Fact]
    public async Task TenFailuresFromOneAddress_LockThatAddressOnly_ForRealAndUnknownEmailsAlike()
    {
        var attacker = Client("198.51.100.7");
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            Assert.Equal(PasswordSignIn.RefusedMessage, await MessageAsync(await Browser.SignInAsync(attacker, PortalFactory.AdminEmail, $"wrong-{i}")));
            Assert.Equal(PasswordSignIn.RefusedMessage, await MessageAsync(await Browser.SignInAsync(attacker, "ghost@lab.test", $"wrong-{i}")));
        }

        var lockedReal = await MessageAsync(await Browser.SignInAsync(attacker, PortalFactory.AdminEmail, PortalFactory.AdminPassword));
        var lockedUnknown = await MessageAsync(await Browser.SignInAsync(attacker, "ghost@lab.test", "anything"));
        var owner = Client("203.0.113.20");
        var ownerSignIn = await Browser.SignInAsync(owner, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        Assert.Equal(PasswordSignIn.ThrottledMessage, lockedReal);
        Assert.Equal(lockedReal, lockedUnknown);
        Assert.Equal(HttpStatusCode.Redirect, ownerSignIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/corpora")).StatusCode);
    }

    private HttpClient Client(string address)
    {
        var client = portal.CreateBrowser();
        client.DefaultRequestHeaders.Add(ClientHeader, address);
        return client;
    }

    private static async Task<string?> MessageAsync(HttpResponseMessage response)
    {
        var match = ErrorMessage().Match(await response.Content.ReadAsStringAsync());
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<p class=\"pcl-error\" role=\"alert\">([^<]*)</p>")]
    private static partial Regex ErrorMessage();

    public void Dispose() => portal.Dispose();

    /// <summary>The test server has no remote address; this gives each test client its own.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientHeader], out var address)) context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class HashCounter
    {
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public void Count() => Interlocked.Increment(ref verifications);
    }

    private sealed class CountingHasher(HashCounter counter) : PasswordHasher<PortalUser>
    {
        public override PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
        {
            counter.Count();
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
