namespace PairwiseCL.Web;

/// <summary>Portal settings (section "Portal" of the top-level appsettings.json).</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>The administrator created on first start; leave empty to use the one-time setup page instead.</summary>
    public AdminAccountOptions Admin { get; set; } = new();

    /// <summary>How long an invitation link stays valid.</summary>
    public int InvitationLifetimeDays { get; set; } = 14;
}

/// <summary>The first administrator's credentials.</summary>
public sealed class AdminAccountOptions
{
    public string Email { get; set; } = "";

    public string Password { get; set; } = "";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Email) && !string.IsNullOrWhiteSpace(Password);
}
