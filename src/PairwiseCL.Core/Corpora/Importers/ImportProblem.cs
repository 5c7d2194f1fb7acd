namespace PairwiseCL.Core.Corpora.Importers;

/// <summary>A file or manifest row that was left out of an import, and why.</summary>
public sealed record ImportProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
