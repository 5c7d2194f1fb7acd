namespace PairwiseCL.Store.Entities;

/// <summary>A lab's shared space: its members, corpora and experiments.</summary>
public sealed class Workspace
{
    /// <summary>Slug of the workspace the CLI imports into and the first administrator owns.</summary>
    public const string DefaultSlug = "default";

    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;

    public List<WorkspaceMember> Members { get; set; } = [];

    public List<CorpusEntity> Corpora { get; set; } = [];
}
