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
            return JsonSerializer.Deserialize<ExperimentProgress>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
