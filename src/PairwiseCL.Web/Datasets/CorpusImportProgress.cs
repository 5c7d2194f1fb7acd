namespace PairwiseCL.Web.Datasets;

/// <summary>The import job's progress record: the stage and how many files it has done.</summary>
public sealed record CorpusImportProgress(string Stage, int Done, int Total)
{
    public double Percent => Total <= 0 ? 0 : 100.0 * Done / Total;
}
