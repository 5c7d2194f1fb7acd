using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PairwiseCL.Core.Checkpoints;

/// <summary>
/// The safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON header mapping
/// each name to its dtype, shape and byte range, then the raw little-endian data.
/// </summary>
public static class SafetensorsFile
{
    // A header larger than this is not a safetensors file (the reference implementation caps it at 100 MB).
    private const long MaxHeaderBytes = 100_000_000;

    public static bool LooksLikeSafetensors(ReadOnlySpan<byte> firstBytes) =>
        firstBytes.Length >= 9
        && BinaryPrimitives.ReadUInt64LittleEndian(firstBytes) is > 1 and < MaxHeaderBytes
        && firstBytes[8] == (byte)'{';

    /// <summary>The header's free-form <c>__metadata__</c> strings (empty when absent).</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        using var stream = File.OpenRead(path);
        var header = ReadHeader(stream, path);
        return header["__metadata__"] is JsonObject metadata
            ? metadata.ToDictionary(m => m.Key, m => m.Value?.GetValue<string>() ?? "")
            : new Dictionary<string, string>();
    }

    public static IReadOnlyDictionary<string, CheckpointTensor> Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public static IReadOnlyDictionary<string, CheckpointTensor> Read(Stream stream, string displayName)
    {
        var header = ReadHeader(stream, displayName);
        var dataStart = stream.Position;
        var dataLength = stream.Length - dataStart;
        var tensors = new Dictionary<string, CheckpointTensor>(StringComparer.Ordinal);
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__" || node is null)
                continue;
            var entry = node.AsObject();
            var type = ParseType(entry["dtype"]?.GetValue<string>(), name, displayName);
            var shape = entry["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
            var offsets = entry["data_offsets"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
            var count = shape.Aggregate(1L, (n, d) => n * d);
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] > dataLength || offsets[1] - offsets[0] != count * ElementConversion.SizeOf(type))
                throw new CheckpointFormatException($"{displayName}: tensor '{name}' has byte range [{string.Join(", ", offsets)}] that does not match shape [{string.Join(", ", shape)}] of {type} within {dataLength} data bytes.");
            var bytes = new byte[offsets[1] - offsets[0]];
            stream.Position = dataStart + offsets[0];
            stream.ReadExactly(bytes);
            tensors[name] = new CheckpointTensor(shape, ElementConversion.Decode(bytes, type), type);
        }
        return tensors;
    }

    private static JsonObject ReadHeader(Stream stream, string displayName)
    {
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false) < 8)
            throw new CheckpointFormatException($"{displayName}: too short to be a safetensors file.");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderBytes)
            throw new CheckpointFormatException($"{displayName}: safetensors header length {headerLength} is implausible; not a safetensors file.");
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        JsonObject header;
        try
        {
            header = JsonNode.Parse(headerBytes)?.AsObject() ?? throw new CheckpointFormatException($"{displayName}: empty safetensors header.");
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException($"{displayName}: safetensors header is not valid JSON ({e.Message}).", e);
        }

        return header;
    }

    /// <summary>Writes tensors in name order, each encoded as <paramref name="type"/>, with optional string metadata.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, CheckpointTensor> tensors, TensorElementType type = TensorElementType.Float32,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
            header["__metadata__"] = new JsonObject(metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value)));
        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (name, tensor) in tensors.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var blob = ElementConversion.Encode(tensor.Values, type);
            header[name] = new JsonObject
            {
                ["dtype"] = TypeName(type),
                ["shape"] = new JsonArray(tensor.Shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + blob.Length),
            };
            blobs.Add(blob);
            offset += blob.Length;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        // Pad the header with spaces so the data starts 8-byte aligned, as the reference writer does.
        var padded = (json.Length + 7) / 8 * 8;
        using var stream = File.Create(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(lengthBytes, (ulong)padded);
        stream.Write(lengthBytes);
        stream.Write(json);
        for (var i = json.Length; i < padded; i++)
            stream.WriteByte((byte)' ');
        foreach (var blob in blobs)
            stream.Write(blob);
    }

    private static TensorElementType ParseType(string? dtype, string name, string displayName) => dtype switch
    {
        "F32" => TensorElementType.Float32,
        "F16" => TensorElementType.Float16,
        "BF16" => TensorElementType.BFloat16,
        "F64" => TensorElementType.Float64,
        _ => throw new CheckpointFormatException($"{displayName}: tensor '{name}' has dtype '{dtype}'; only F32, F16, BF16 and F64 are supported."),
    };

    private static string TypeName(TensorElementType type) => type switch
    {
        TensorElementType.Float32 => "F32",
        TensorElementType.Float16 => "F16",
        TensorElementType.BFloat16 => "BF16",
        TensorElementType.Float64 => "F64",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
