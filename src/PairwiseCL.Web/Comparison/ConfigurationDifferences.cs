using System.Text.Json;

namespace PairwiseCL.Web.Comparison;

/// <summary>The settings whose values differ between experiment configurations, by JSON path ("Protocol.FineTuning.MaxEpochs").</summary>
public static class ConfigurationDifferences
{
    public static IReadOnlyList<SettingDifference> Between(IReadOnlyList<string> configurationsJson)
    {
        var flattened = configurationsJson.Select(Flatten).ToList();
        return flattened.SelectMany(f => f.Keys).Distinct().Order(StringComparer.Ordinal)
            .Select(key => new SettingDifference(key, flattened.Select(f => f.GetValueOrDefault(key, "—")).ToList()))
            .Where(d => d.Values.Distinct().Count() > 1)
            .ToList();
    }

    private static Dictionary<string, string> Flatten(string json)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        Visit(document.RootElement, "", values);
        return values;
    }

    private static void Visit(JsonElement element, string path, Dictionary<string, string> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    Visit(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", values);
                break;
            case JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)):
                values[path] = string.Join(", ", element.EnumerateArray().Select(e => e.ToString()));
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray()) Visit(item, $"{path}[{index++}]", values);
                break;
            default:
                values[path] = element.ToString();
                break;
        }
    }
}
