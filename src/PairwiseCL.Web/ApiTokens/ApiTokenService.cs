using PairwiseCL.Store.Accounts;
using PairwiseCL.Web.Authorization;
using PairwiseCL.Web.Sharing;

namespace PairwiseCL.Web.ApiTokens;

/// <summary>
/// The signed-in member's personal access tokens: create (the token is returned once), list and revoke.
/// A member only ever sees and revokes their own tokens.
/// </summary>
public sealed class ApiTokenService(ApiTokenRepository tokens, UserAccess access, TimeProvider clock)
{
    public const string TokenPrefix = "pcl_";
    public const int MaxNameLength = 100;

    // "pcl_" and 6 characters: enough to tell tokens apart in a list, far too few to guess the rest.
    private const int ShownPrefixLength = 10;

    public async Task<IReadOnlyList<ApiTokenSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        await access.GetUserIdAsync() is { } userId ? await tokens.ListAsync(userId, cancellationToken) : [];

    /// <summary>Creates a token named <paramref name="name"/> for the signed-in member; the returned token is not stored.</summary>
    public async Task<ApiTokenCreation> CreateAsync(string? name, CancellationToken cancellationToken = default)
    {
        if (await access.GetUserIdAsync() is not { } userId || !await access.IsAllowedAsync(PortalPolicies.Viewer))
            return new ApiTokenCreation(null, "Only members of this workspace can create API tokens.");
        name = name?.Trim() ?? "";
        if (name.Length == 0)
            return new ApiTokenCreation(null, "Give the token a name that says where it is used, e.g. \"analysis laptop\".");
        if (name.Length > MaxNameLength)
            return new ApiTokenCreation(null, $"The name is {name.Length} characters long; keep it to {MaxNameLength}.");
        var token = TokenPrefix + ShareTokens.Create();
        await tokens.CreateAsync(userId, name, token[..ShownPrefixLength], ShareTokens.Hash(token), clock.GetUtcNow().UtcDateTime, cancellationToken);
        return new ApiTokenCreation(token, null);
    }

    public async Task<bool> RevokeAsync(int tokenId, CancellationToken cancellationToken = default) =>
        await access.GetUserIdAsync() is { } userId
        && await tokens.RevokeAsync(userId, tokenId, clock.GetUtcNow().UtcDateTime, cancellationToken);
}

/// <summary>A new token (shown once), or why none was created.</summary>
public sealed record ApiTokenCreation(string? Token, string? Problem);
