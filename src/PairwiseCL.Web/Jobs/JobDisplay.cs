using System.Text.Json;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Web.Datasets;
using PairwiseCL.Web.Experiments;

namespace PairwiseCL.Web.Jobs;

/// <summary>What a job is about, in words, with the page it concerns (an experiment, a corpus).</summary>
public sealed record JobSubject(string Title, string? Detail, string? Href);

/// <summary>
/// Turns a job's kind, payload and stored progress into what the Jobs page shows: a readable title linking to
/// the experiment or corpus, and a sentence instead of the raw progress record.
/// </summary>
public static class JobDisplay
{
    /// <param name="experimentNames">Names of the workspace's experiments by id, for the link text.</param>
    public static JobSubject Subject(string kind, string? payloadJson, IReadOnlyDictionary<int, string> experimentNames)
    {
        using var payload = Parse(payloadJson);
        var root = payload?.RootElement;
        switch (kind)
        {
            case ExperimentJobHandler.JobKind or ExperimentAnalysisJobHandler.JobKind when Int(root, "ExperimentId") is { } id:
                var title = kind == ExperimentJobHandler.JobKind ? "Experiment run" : "Experiment analysis (t-SNE, PWCCA)";
                return new JobSubject(title, experimentNames.GetValueOrDefault(id, $"experiment #{id}"), $"experiments/{id}");
            case ExperimentPartJobHandler.JobKind when Int(root, "ExperimentId") is { } partOf:
                var part = PartOf(payloadJson);
                return new JobSubject($"Experiment part: {part?.Describe() ?? "final report"}", experimentNames.GetValueOrDefault(partOf, $"experiment #{partOf}"), $"experiments/{partOf}");
            case CorpusImportJob.JobKind:
                return new JobSubject("Corpus import", Text(root, "CorpusName"), null);
            case AudioFileCheckJob.JobKind when Int(root, "CorpusId") is { } corpusId:
                return new JobSubject("Audio file check", $"corpus #{corpusId}", $"corpora/{corpusId}");
            case LabelledModels.LabelledModelJobHandler.JobKind when Int(root, "CorpusId") is { } trainedOn:
                return new JobSubject("Model training", $"corpus #{trainedOn}", $"corpora/{trainedOn}");
            case LabelledModels.CorpusPredictionJobHandler.JobKind when Int(root, "CorpusId") is { } predictedOn:
                return new JobSubject("Predict the rest", $"corpus #{predictedOn}, model of job #{Int(root, "ModelJobId")}", $"corpora/{predictedOn}");
            case EncoderSets.EncoderSetJobHandler.JobKind when Int(root, "CorpusId") is { } pretrainedId:
                return new JobSubject("Encoder pre-training", $"corpus #{pretrainedId}", $"corpora/{pretrainedId}");
            default:
                return new JobSubject(kind, null, null);
        }
    }

    /// <summary>A job's stored progress as a sentence; null when it has none.</summary>
    public static string? Progress(string? progressJson)
    {
        using var progress = Parse(progressJson);
        if (progress?.RootElement is not { ValueKind: JsonValueKind.Object } root) return null;
        if (Int(root, "Checked") is { } checkedFiles && Int(root, "Total") is { } files)
            return $"{checkedFiles:N0} of {files:N0} audio files checked, {Int(root, "Missing") ?? 0:N0} missing";
        if (Text(root, "Stage") is { } stage && Int(root, "Done") is { } done && Int(root, "Total") is { } total)
            return stage switch
            {
                "stored" => $"{done:N0} clips stored",
                "extracting" => "extracting the archive",
                _ when total > 0 => $"{stage}: {done:N0} of {total:N0}",
                _ => stage,
            };
        // Another job's record: its fields in words, never the JSON itself.
        var fields = root.EnumerateObject()
            .Where(p => p.Value.ValueKind is JsonValueKind.Number or JsonValueKind.String or JsonValueKind.True or JsonValueKind.False)
            .Select(p => $"{p.Name}: {(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}").ToList();
        return fields.Count == 0 ? null : string.Join(", ", fields);
    }

    private static Core.Experiments.ProtocolPart? PartOf(string? json)
    {
        try
        {
            return JsonSerializer.Deserialize<ExperimentPartJobHandler.Payload>(json ?? "null")?.Part;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonDocument? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int? Int(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static string? Text(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
