using System.Text.Json;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store.Corpora;

/// <summary>Translates between Core's corpus records and their stored rows (lists and maps as JSON).</summary>
internal static class CorpusMapper
{
    public static UtteranceEntity ToEntity(Utterance utterance, int ordinal) => new()
    {
        Ordinal = ordinal,
        Key = utterance.Id,
        AudioPath = utterance.AudioPath,
        DurationSeconds = utterance.DurationSeconds,
        Speaker = utterance.Speaker,
        Session = utterance.Session,
        Label = utterance.Label,
        Transcript = utterance.Transcript,
        MetadataJson = utterance.Metadata is null ? null : JsonSerializer.Serialize(utterance.Metadata),
    };

    public static LabelSetEntity ToEntity(LabelSet labelSet, int ordinal) => new()
    {
        Ordinal = ordinal,
        Name = labelSet.Name,
        ClassesJson = JsonSerializer.Serialize(labelSet.Classes),
        MergesJson = labelSet.Merges is null ? null : JsonSerializer.Serialize(labelSet.Merges),
        ExcludedIdPrefixesJson = labelSet.ExcludedIdPrefixes is null ? null : JsonSerializer.Serialize(labelSet.ExcludedIdPrefixes),
    };

    public static Utterance ToCore(UtteranceEntity entity) => new(
        entity.Key,
        entity.AudioPath,
        entity.DurationSeconds,
        entity.Speaker,
        entity.Session,
        entity.Label,
        entity.Transcript,
        entity.MetadataJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(entity.MetadataJson));

    public static LabelSet ToCore(LabelSetEntity entity) => new(
        entity.Name,
        JsonSerializer.Deserialize<List<string>>(entity.ClassesJson) ?? [],
        entity.MergesJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(entity.MergesJson),
        entity.ExcludedIdPrefixesJson is null ? null : JsonSerializer.Deserialize<List<string>>(entity.ExcludedIdPrefixesJson));
}
