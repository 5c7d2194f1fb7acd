using System.Net;
using Microsoft.AspNetCore.Identity;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Web.Accounts;

/// <summary>What a sign-in attempt shows; the same for an unknown e-mail address and a wrong password.</summary>
public enum SignInOutcome
{
    SignedIn,
    Refused,
    Throttled,
}

/// <summary>
/// Password sign-in that tells nobody whether an account exists: an unknown e-mail address costs the same
/// password hash as a real one and gets the same message, and lockout is per e-mail and client address
/// (<see cref="SignInThrottle"/>) instead of per account.
/// </summary>
public sealed class PasswordSignIn(
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signInManager,
    IPasswordHasher<PortalUser> hasher,
    SignInThrottle throttle,
    ILogger<PasswordSignIn> logger)
{
    public const string RefusedMessage = "The e-mail or password is not right.";
    public const string ThrottledMessage = "Too many failed sign-ins from here: wait a few minutes, then try again.";

    private static readonly PortalUser NoOne = new() { UserName = "", Email = "" };
    private static string? dummyHash;

    public static string? MessageFor(SignInOutcome outcome) => outcome switch
    {
        SignInOutcome.Refused => RefusedMessage,
        SignInOutcome.Throttled => ThrottledMessage,
        _ => null,
    };

    public async Task<SignInOutcome> SignInAsync(string email, string password, IPAddress? client)
    {
        var key = SignInThrottle.Key(email, client);
        if (throttle.IsLocked(key)) return SignInOutcome.Throttled;
        var user = await users.FindByEmailAsync(email.Trim());
        var succeeded = false;
        if (user is null)
        {
            // Verifying against a hash of the same kind takes as long as checking a real account's password.
            dummyHash ??= hasher.HashPassword(NoOne, Guid.NewGuid().ToString("N"));
            hasher.VerifyHashedPassword(NoOne, dummyHash, password);
        }
        else
        {
            succeeded = (await signInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false)).Succeeded;
        }
        if (!succeeded)
        {
            throttle.Fail(key);
            logger.LogInformation("Failed sign-in for {Email} from {Client}", email, client);
            return SignInOutcome.Refused;
        }
        throttle.Succeeded(key);
        await signInManager.SignInAsync(user!, isPersistent: true);
        return SignInOutcome.SignedIn;
    }
}
