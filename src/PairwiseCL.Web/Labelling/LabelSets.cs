using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Store;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Web.Labelling;

/// <summary>Reads and writes the JSON columns of stored label sets.</summary>
internal static class LabelSets
{
    public static Task<List<LabelSetEntity>> LoadAsync(PortalDbContext db, int corpusId, CancellationToken cancellationToken) =>
        db.LabelSets.Where(l => l.CorpusId == corpusId).OrderBy(l => l.Ordinal).ToListAsync(cancellationToken);

    public static LabelSet ToCore(LabelSetEntity entity) => new(
        entity.Name,
        Classes(entity),
        Merges(entity),
        entity.ExcludedIdPrefixesJson is null ? null : JsonSerializer.Deserialize<List<string>>(entity.ExcludedIdPrefixesJson));

    public static List<string> Classes(LabelSetEntity entity) => JsonSerializer.Deserialize<List<string>>(entity.ClassesJson) ?? [];

    public static Dictionary<string, string> Merges(LabelSetEntity entity) =>
        entity.MergesJson is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(entity.MergesJson) ?? [];

    public static void Write(LabelSetEntity entity, IReadOnlyList<string> classes, IReadOnlyDictionary<string, string> merges)
    {
        entity.ClassesJson = JsonSerializer.Serialize(classes);
        entity.MergesJson = merges.Count == 0 ? null : JsonSerializer.Serialize(merges);
    }
}
