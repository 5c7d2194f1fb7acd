using Microsoft.AspNetCore.Identity;

namespace PairwiseCL.Store.Entities;

/// <summary>A person who signs in to the portal; workspace access comes from <see cref="WorkspaceMember"/>.</summary>
public sealed class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;

    public List<WorkspaceMember> Memberships { get; set; } = [];
}
