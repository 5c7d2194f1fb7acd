namespace PairwiseCL.Core.Models;

/// <summary>A saved fine-tuned model: its configuration and the folder holding <see cref="ModelFiles"/>.</summary>
public sealed record DeployableModel(ModelConfiguration Configuration, string Folder);
