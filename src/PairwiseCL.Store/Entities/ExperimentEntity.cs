namespace PairwiseCL.Store.Entities;

/// <summary>
/// An experiment: an immutable configuration (JSON plus its hash) over a fine-tuning corpus and an
/// optional pre-training corpus. The corpora cannot be deleted while an experiment refers to them.
/// </summary>
public sealed class ExperimentEntity
{
    public int Id { get; set; }

    public int WorkspaceId { get; set; }

    public Workspace? Workspace { get; set; }

    public required string Name { get; set; }

    public required string ConfigurationJson { get; set; }

    /// <summary>Hash of <see cref="ConfigurationJson"/>; keys caches, checkpoints and results.</summary>
    public required string ConfigurationHash { get; set; }

    public int? PretrainCorpusId { get; set; }

    public CorpusEntity? PretrainCorpus { get; set; }

    /// <summary>Null for an experiment imported from another portal: its corpus lives there.</summary>
    public int? FinetuneCorpusId { get; set; }

    public CorpusEntity? FinetuneCorpus { get; set; }

    /// <summary>For an imported experiment (read-only results, no corpus here), the name of the corpus it ran on.</summary>
    public string? ImportedCorpusName { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;

    public List<RunEntity> Runs { get; set; } = [];
}
