namespace PairwiseCL.Web.Authorization;

/// <summary>Names of the authorization policies; each requires at least that role in the current workspace.</summary>
public static class PortalPolicies
{
    public const string Viewer = "workspace-viewer";

    public const string Editor = "workspace-editor";

    public const string Owner = "workspace-owner";
}
