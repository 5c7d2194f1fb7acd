using Microsoft.AspNetCore.Authorization;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Web.Authorization;

/// <summary>The signed-in user must hold at least <see cref="Minimum"/> in the current workspace.</summary>
public sealed record WorkspaceRoleRequirement(WorkspaceRole Minimum) : IAuthorizationRequirement;
