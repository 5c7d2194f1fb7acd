namespace PairwiseCL.Web.Labelling;

/// <summary>Settings of the labelling page (section "Labelling").</summary>
public sealed record LabellingOptions
{
    public const string SectionName = "Labelling";

    /// <summary>With the most-informative order, the queue is ranked again in the background after this many new labels.</summary>
    public int RerankEvery { get; init; } = 8;
}
