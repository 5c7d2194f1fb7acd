using System.Text.Json;

namespace PairwiseCL.Web.Experiments;

/// <summary>Reads an experiment job's stored progress; null when there is none yet or it is not an experiment's.</summary>
public static class ExperimentProgressReader
{
    public static ExperimentProgress? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            // Other jobs' progress records deserialise too, with the fields they lack left null.
            return JsonSerializer.Deserialize<ExperimentProgress>(json) is { Stage: not null, Step: not null } progress ? progress : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
