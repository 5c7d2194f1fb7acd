namespace PairwiseCL.Store.Entities;

/// <summary>A stored <see cref="PairwiseCL.Core.Corpora.LabelSet"/>; lists and maps are JSON columns.</summary>
public sealed class LabelSetEntity
{
    public int Id { get; set; }

    public int CorpusId { get; set; }

    public CorpusEntity? Corpus { get; set; }

    public required string Name { get; set; }

    public int Ordinal { get; set; }

    public required string ClassesJson { get; set; }

    public string? MergesJson { get; set; }

    public string? ExcludedIdPrefixesJson { get; set; }
}
