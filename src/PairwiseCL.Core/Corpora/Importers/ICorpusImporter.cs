namespace PairwiseCL.Core.Corpora.Importers;

/// <summary>
/// Reads a corpus from its source layout. Files that are not decodable audio are reported in
/// <see cref="ImportResult.Problems"/> and the rest is imported; only a source that cannot be read at
/// all (missing folder, manifest without required columns) throws.
/// </summary>
public interface ICorpusImporter
{
    ImportResult Import(IProgress<ImportProgress>? progress = null, CancellationToken ct = default);
}
