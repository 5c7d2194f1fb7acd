using System.Buffers.Binary;
using System.Text;
using PairwiseCL.Core.Checkpoints;

namespace PairwiseCL.Core.Tests.Checkpoints;

public sealed class SafetensorsFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("safetensors-tests").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Dictionary<string, CheckpointTensor> Sample() => new()
    {
        ["a.weight"] = CheckpointTensor.Create([1f, -2.5f, 3.25f, 1e-3f, 65000f, -0.1f], 2, 3),
        ["b"] = CheckpointTensor.Create([0.333f], 1),
    };

    [Theory]
    [InlineData(TensorElementType.Float32)]
    [InlineData(TensorElementType.Float16)]
    [InlineData(TensorElementType.BFloat16)]
    public void RoundTripsValuesAtTheStoredPrecision(TensorElementType type)
    {
        var path = Path.Combine(folder, "x.safetensors");
        SafetensorsFile.Write(path, Sample(), type);
        var read = SafetensorsFile.Read(path);

        Assert.Equal(new long[] { 2, 3 }, read["a.weight"].Shape);
        Assert.Equal(type, read["a.weight"].StoredType);
        var expected = Sample()["a.weight"].Values.Select(v => type switch
        {
            TensorElementType.Float16 => (float)(Half)v,
            // bfloat16 keeps 8 significant bits: within 2^-8 relative.
            TensorElementType.BFloat16 => v,
            _ => v,
        });
        foreach (var (want, got) in expected.Zip(read["a.weight"].Values))
            Assert.Equal(want, got, Math.Abs(want) * (type == TensorElementType.BFloat16 ? 1.0 / 256 : 0));
    }

    [Fact]
    public void MetadataRoundTripsAndIsNotATensor()
    {
        var path = Path.Combine(folder, "meta.safetensors");
        SafetensorsFile.Write(path, Sample(), metadata: new Dictionary<string, string> { ["valid_frames"] = "49" });
        Assert.Equal("49", SafetensorsFile.ReadMetadata(path)["valid_frames"]);
        Assert.Equal(Sample().Keys.Order(), SafetensorsFile.Read(path).Keys.Order());
    }

    [Fact]
    public void ReadsAHandWrittenFileWithMetadataAndOffsets()
    {
        // Laid out by hand per the format description, independently of the writer.
        var header = """{"__metadata__":{"format":"pt"},"y":{"dtype":"F16","shape":[2],"data_offsets":[4,8]},"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""";
        var bytes = new List<byte>();
        bytes.AddRange(BitConverter.GetBytes((ulong)header.Length));
        bytes.AddRange(Encoding.UTF8.GetBytes(header));
        bytes.AddRange(BitConverter.GetBytes(1.5f));
        bytes.AddRange(BitConverter.GetBytes((Half)0.5));
        bytes.AddRange(BitConverter.GetBytes((Half)(-2)));
        var path = Path.Combine(folder, "hand.safetensors");
        File.WriteAllBytes(path, bytes.ToArray());

        var read = CheckpointFile.Read(path);
        Assert.Equal([1.5f], read["x"].Values);
        Assert.Equal([0.5f, -2f], read["y"].Values);
        Assert.DoesNotContain("__metadata__", read.Keys);
    }

    [Fact]
    public void ByteRangeThatDisagreesWithTheShapeIsRejected()
    {
        var path = WriteRaw("bad.safetensors", """{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,4]}}""", dataBytes: 4);

        var error = Assert.Throws<CheckpointFormatException>(() => SafetensorsFile.Read(path));
        Assert.Contains("'x'", error.Message);
    }

    [Fact]
    public void UnsupportedDtypeIsNamed()
    {
        var path = WriteRaw("int.safetensors", """{"x":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}""", dataBytes: 8);

        var error = Assert.Throws<CheckpointFormatException>(() => SafetensorsFile.Read(path));
        Assert.Contains("I64", error.Message);
    }

    /// <summary>A file with the given header and zeroed data, laid out by hand.</summary>
    private string WriteRaw(string name, string header, int dataBytes)
    {
        var bytes = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        Encoding.UTF8.GetBytes(header).CopyTo(bytes, 8);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
