using System.Text.Json;
using System.Text.Json.Serialization;

namespace PairwiseCL.Core.Reports;

/// <summary>
/// JSON options for result files. JSON has no NaN or infinity, and a reader that is not .NET (a lab's
/// Python script, jq) rejects the "NaN" strings .NET's named literals produce: a not-applicable number
/// (the p-value of a baseline row, the interval of a single run, an undefined PWCCA) is written as null.
/// </summary>
public static class ResultJson
{
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented) =>
        new() { WriteIndented = indented, Converters = { new NonFiniteAsNullConverter() } };
}

/// <summary>Writes NaN and ±infinity as null; reads null, and the named literals older reports hold, back as NaN.</summary>
public sealed class NonFiniteAsNullConverter : JsonConverter<double>
{
    public override bool HandleNull => true;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => double.NaN,
        // Reports written before this converter hold "NaN" strings; infinity was never meaningful in one.
        JsonTokenType.String when reader.GetString() is "NaN" or "Infinity" or "-Infinity" => double.NaN,
        JsonTokenType.String => throw new JsonException($"'{reader.GetString()}' is not a number."),
        _ => reader.GetDouble(),
    };

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }
}
