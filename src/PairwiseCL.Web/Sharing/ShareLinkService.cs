using PairwiseCL.Web.Authorization;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Results;

namespace PairwiseCL.Web.Sharing;

/// <summary>
/// Read-only share links for one experiment's results: owners create and revoke them (checked here);
/// anyone holding a live token reads that experiment's results and files, and nothing else.
/// </summary>
public sealed class ShareLinkService(
    ShareLinkRepository links,
    ExperimentRepository experiments,
    ResultsService results,
    CurrentWorkspace workspace,
    UserAccess access,
    TimeProvider clock)
{
    public const string PathPrefix = "/share/";

    public Task<bool> CanManageAsync() => access.IsAllowedAsync(PortalPolicies.Owner);

    public async Task<IReadOnlyList<ShareLinkSummary>> ListAsync(int experimentId, CancellationToken cancellationToken = default) =>
        await CanManageAsync() && await InWorkspaceAsync(experimentId, cancellationToken)
            ? await links.ListAsync(experimentId, cancellationToken)
            : [];

    /// <summary>Creates a link that expires after <paramref name="lifetime"/> (never when null), if the user owns the experiment's workspace.</summary>
    public async Task<ShareLinkCreation> CreateAsync(int experimentId, TimeSpan? lifetime, CancellationToken cancellationToken = default)
    {
        if (!await CanManageAsync() || !await InWorkspaceAsync(experimentId, cancellationToken))
            return new ShareLinkCreation(null, "Only owners of this workspace can share its experiments.");
        if (lifetime is { } span && span <= TimeSpan.Zero)
            return new ShareLinkCreation(null, "An expiry must lie in the future: give at least one day, or none for a link that does not expire.");
        var token = ShareTokens.Create();
        var now = clock.GetUtcNow().UtcDateTime;
        var id = await links.CreateAsync(experimentId, ShareTokens.Hash(token), await access.GetUserIdAsync(), now, now + lifetime, cancellationToken);
        return new ShareLinkCreation(new CreatedShareLink(id, PathPrefix + token), null);
    }

    public async Task<bool> RevokeAsync(int experimentId, int linkId, CancellationToken cancellationToken = default) =>
        await CanManageAsync() && await InWorkspaceAsync(experimentId, cancellationToken)
        && await links.RevokeAsync(experimentId, linkId, clock.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>The shared experiment's results, or null for an unknown, revoked or expired token.</summary>
    public async Task<ExperimentResults?> GetResultsAsync(string token, CancellationToken cancellationToken = default) =>
        await ResolveAsync(token, cancellationToken) is { } target
            ? await results.LoadAsync(target.WorkspaceId, target.ExperimentId, cancellationToken)
            : null;

    /// <summary>Whether the token opens an experiment now (known, not revoked, not expired).</summary>
    public async Task<bool> IsLiveAsync(string token, CancellationToken cancellationToken = default) =>
        await ResolveAsync(token, cancellationToken) is not null;

    /// <summary>A verified report file of the shared experiment that its page offers for download, or null.</summary>
    public async Task<string?> FindFileAsync(string token, string relativePath, CancellationToken cancellationToken = default) =>
        ReportFolder.IsOfferedDownload(relativePath) && await ResolveAsync(token, cancellationToken) is { } target
            ? await results.FindVerifiedFileAsync(target.ExperimentId, relativePath, cancellationToken)
            : null;

    private Task<(int ExperimentId, int WorkspaceId)?> ResolveAsync(string token, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(token) || token.Length > 100
            ? Task.FromResult<(int, int)?>(null)
            : links.ResolveAsync(ShareTokens.Hash(token), clock.GetUtcNow().UtcDateTime, cancellationToken);

    private async Task<bool> InWorkspaceAsync(int experimentId, CancellationToken cancellationToken) =>
        (await experiments.FindAsync(experimentId, cancellationToken))?.WorkspaceId == await workspace.GetIdAsync(cancellationToken);
}
