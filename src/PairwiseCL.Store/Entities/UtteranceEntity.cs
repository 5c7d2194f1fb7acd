namespace PairwiseCL.Store.Entities;

/// <summary>One clip of a stored corpus. <see cref="Key"/> is the corpus's own utterance id.</summary>
public sealed class UtteranceEntity
{
    public long Id { get; set; }

    public int CorpusId { get; set; }

    public CorpusEntity? Corpus { get; set; }

    /// <summary>Position in the imported corpus, so a corpus loads back in its original order.</summary>
    public int Ordinal { get; set; }

    public required string Key { get; set; }

    public required string AudioPath { get; set; }

    public double DurationSeconds { get; set; }

    public required string Speaker { get; set; }

    public required string Session { get; set; }

    /// <summary>The label a person gave (or the corpus came with); training sets and label counts use this one.</summary>
    public string? Label { get; set; }

    /// <summary>A model's prediction a member accepted ("Predict the rest"), kept apart from <see cref="Label"/> so it never trains a model unasked.</summary>
    public string? ModelLabel { get; set; }

    public string? Transcript { get; set; }

    /// <summary>Extra manifest columns as a JSON object of strings; null when there were none.</summary>
    public string? MetadataJson { get; set; }
}
