using PairwiseCL.Store.Workspaces;

namespace PairwiseCL.Web.Authorization;

/// <summary>
/// Which workspace a request works in. The portal serves the lab's default workspace; keeping the
/// lookup behind this one class lets workspace selection arrive later without touching the pages.
/// </summary>
public sealed class CurrentWorkspace(WorkspaceRepository workspaces)
{
    public Task<int> GetIdAsync(CancellationToken cancellationToken = default) => workspaces.GetDefaultIdAsync(cancellationToken);
}
