namespace PairwiseCL.Web.Accounts;

/// <summary>Keeps redirects after sign-in on this site (no open redirect through returnUrl).</summary>
public static class LocalUrl
{
    public static string OrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}
