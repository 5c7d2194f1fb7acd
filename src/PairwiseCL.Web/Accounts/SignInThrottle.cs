using System.Net;
using Microsoft.Extensions.Caching.Memory;

namespace PairwiseCL.Web.Accounts;

/// <summary>
/// Failed sign-ins counted per e-mail address and client address, in memory (so they are counted even
/// when the store cannot be written). After <see cref="MaxFailures"/> failures that pair is refused for
/// <see cref="LockoutMinutes"/> minutes: a guesser is slowed down, but nobody elsewhere can lock an
/// account, and an unknown e-mail address locks exactly like a real one (no account enumeration).
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int MaxFailures = 10;
    public const int LockoutMinutes = 5;

    // Bounded: entries expire a while after their last failure, and the cache holds at most this many.
    private readonly MemoryCache attempts = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public static string Key(string email, IPAddress? client) =>
        $"{email.Trim().ToUpperInvariant()}|{client?.MapToIPv6().ToString() ?? "-"}";

    public bool IsLocked(string key) =>
        attempts.TryGetValue(key, out Attempts? entry) && entry!.LockedUntil > clock.GetUtcNow();

    public void Fail(string key)
    {
        var entry = attempts.GetOrCreate(key, e =>
        {
            e.Size = 1;
            e.SlidingExpiration = TimeSpan.FromMinutes(3 * LockoutMinutes);
            return new Attempts();
        })!;
        lock (entry)
        {
            if (++entry.Failures < MaxFailures) return;
            entry.Failures = 0;
            entry.LockedUntil = clock.GetUtcNow().AddMinutes(LockoutMinutes);
        }
    }

    public void Succeeded(string key) => attempts.Remove(key);

    private sealed class Attempts
    {
        public int Failures { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
}
