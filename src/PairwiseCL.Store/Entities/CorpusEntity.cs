namespace PairwiseCL.Store.Entities;

/// <summary>A stored corpus: the persistent form of <see cref="PairwiseCL.Core.Corpora.Corpus"/>.</summary>
public sealed class CorpusEntity
{
    public int Id { get; set; }

    public int WorkspaceId { get; set; }

    public Workspace? Workspace { get; set; }

    public required string Name { get; set; }

    public required string AudioRoot { get; set; }

    public DateTime ImportedAtUtc { get; set; } = DateTime.UtcNow;

    public List<UtteranceEntity> Utterances { get; set; } = [];

    public List<LabelSetEntity> LabelSets { get; set; } = [];
}
